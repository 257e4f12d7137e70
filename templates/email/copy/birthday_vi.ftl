<#--
  Chúc mừng sinh nhật, tiếng Việt (Birthday, Vietnamese): see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Vài gợi ý">
<#assign title = "Chúc mừng sinh nhật!">
<#if direct>
  <#assign subject = pick.byStep(firstName???then("Chúc mừng sinh nhật ${firstName}! Tự thưởng cho mình tại ${shop}", "Chúc mừng sinh nhật! Tự thưởng cho mình tại ${shop}"),
      "Nhắc bạn: gợi ý sinh nhật dành cho bạn tại ${shop}",
      "Đừng quên tự thưởng cho mình dịp sinh nhật này")>
  <#assign preheader = "Mừng sinh nhật với một món bạn yêu thích.">
  <#assign intro = "Cả đội ngũ ${shop} chúc bạn một ngày sinh nhật thật vui. Hãy ăn mừng bằng một món thật đặc biệt: chúng tôi đã chọn sẵn vài món được yêu thích cho bạn.">
  <#assign button = "Mua ngay">
<#else>
  <#assign subject = pick.byStep(firstName???then("Chúc mừng sinh nhật ${firstName}!", "${shop} chúc mừng sinh nhật bạn!"),
      "Lời chúc sinh nhật từ ${shop}")>
  <#assign preheader = "Những lời chúc ấm áp từ ${shop}.">
  <#assign intro = "Cả đội ngũ ${shop} chúc bạn một ngày sinh nhật thật vui. Nếu bạn muốn tự thưởng cho mình, đây là vài gợi ý.">
  <#assign button = "Dạo quanh cửa hàng">
</#if>
