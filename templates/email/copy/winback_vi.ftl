<#--
  Mời khách quay lại, tiếng Việt (Win-back, Vietnamese): see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Chọn riêng cho bạn">
<#if direct>
  <#assign subject = pick.byStep("${shop} nhớ bạn",
      "Nhắc bạn: ${shop} rất mong được gặp lại bạn",
      firstName???then("Quay lại ${shop} nhé, ${firstName}", "Quay lại ${shop} nhé"))>
  <#assign preheader = "Xem có gì mới từ đơn hàng gần nhất của bạn.">
  <#assign title = "Chúng tôi nhớ bạn">
  <#assign intro = "Đã lâu rồi bạn chưa đặt hàng. Quay lại xem có gì mới nhé: chúng tôi đã chọn sẵn vài món được yêu thích cho bạn.">
  <#assign button = "Mua ngay">
<#else>
  <#assign subject = pick.byStep(firstName???then("Lâu rồi không gặp, ${firstName}", "Lâu rồi không gặp bạn"),
      "Có gì mới tại ${shop} từ lần ghé trước của bạn",
      "Vài gợi ý từ ${shop}")>
  <#assign preheader = "Vài món chúng tôi nghĩ bạn sẽ thích.">
  <#assign title = "Lâu rồi không gặp">
  <#assign intro = "Đã một thời gian kể từ đơn hàng gần nhất của bạn tại ${shop}. Dưới đây là vài món chúng tôi nghĩ bạn sẽ thích, bạn cứ xem khi rảnh nhé.">
  <#assign button = "Ghé cửa hàng">
</#if>
