<#--
  Nhắc thanh toán, tiếng Việt (Checkout reminder, Vietnamese): see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Đơn hàng của bạn">
<#if direct>
  <#assign subject = pick.byStep("Hoàn tất đơn hàng của bạn tại ${shop}",
      "Nhắc bạn: đơn hàng của bạn chưa hoàn tất",
      firstName???then("${firstName} ơi, đơn hàng của bạn vẫn đang chờ", "Đơn hàng của bạn tại ${shop} vẫn đang chờ"))>
  <#assign preheader = "Đơn hàng của bạn đã gần xong.">
  <#assign title = "Đơn hàng của bạn gần xong rồi">
  <#assign intro = "Bạn chỉ còn một bước nữa để hoàn tất đơn hàng tại ${shop}. Sản phẩm của bạn ở bên dưới: hoàn tất đơn hàng ngay với vài cú nhấp chuột.">
  <#assign button = "Hoàn tất đơn hàng">
<#else>
  <#assign subject = pick.byStep("Đơn hàng của bạn tại ${shop} luôn sẵn sàng khi bạn cần",
      "Bạn có cần chúng tôi hỗ trợ gì không?",
      "Thông tin thanh toán của bạn tại ${shop} đã được lưu")>
  <#assign preheader = "Sản phẩm và thông tin của bạn đã được lưu lại.">
  <#assign title = "Tiếp tục từ chỗ bạn dừng lại">
  <#assign intro = "Bạn đã bắt đầu thanh toán tại ${shop}. Sản phẩm của bạn đã được lưu, nên khi sẵn sàng bạn chỉ cần một chút thời gian để tiếp tục.">
  <#assign button = "Tiếp tục thanh toán">
  <#assign outro = "Nếu có điều gì khiến bạn băn khoăn, chẳng hạn phí giao hàng hay cách thanh toán, chúng tôi luôn sẵn lòng giúp đỡ.">
</#if>
