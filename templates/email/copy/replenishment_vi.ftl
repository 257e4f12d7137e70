<#--
  Nhắc mua lại, tiếng Việt (Replenishment, Vietnamese): see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign item = pick.firstProduct("món quen")>
<#assign productsHeading = "Từ đơn hàng gần nhất">
<#if direct>
  <#assign subject = pick.byStep("Đến lúc đặt lại ${item}",
      "Nhắc bạn: bổ sung những món quen thuộc tại ${shop}",
      "Đừng để hết ${item}")>
  <#assign preheader = "Đặt lại hôm nay để luôn có sẵn món quen.">
  <#assign title = "Đến lúc đặt lại">
  <#assign intro = "Có lẽ giờ bạn sắp dùng hết các sản phẩm dưới đây. Đặt lại ngay hôm nay để không bị gián đoạn nhé.">
  <#assign button = "Đặt mua lại ngay">
<#else>
  <#assign subject = pick.byStep("Đến lúc mua thêm rồi chăng?",
      "Bạn sắp dùng hết ${item}?",
      "Những món quen thuộc của bạn tại ${shop}")>
  <#assign preheader = "Đặt lại món quen chỉ với vài cú nhấp chuột.">
  <#assign title = "Đến lúc mua thêm?">
  <#assign intro = "Dựa trên đơn hàng gần nhất, có thể bạn sắp dùng hết các sản phẩm dưới đây. Bạn có thể đặt lại chỉ với vài cú nhấp chuột, bất cứ khi nào cần.">
  <#assign button = "Đặt mua lại">
</#if>
