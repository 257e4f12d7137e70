<#--
  Nhắc giỏ hàng, tiếng Việt (Cart reminder, Vietnamese): see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Trong giỏ hàng">
<#if direct>
  <#assign subject = pick.byStep("Bạn còn sản phẩm trong giỏ hàng",
      "Nhắc bạn: giỏ hàng tại ${shop} vẫn đang chờ",
      firstName???then("${firstName} ơi, đừng quên giỏ hàng của bạn", "Đừng quên giỏ hàng của bạn tại ${shop}"))>
  <#assign preheader = "Những món bạn chọn vẫn đang chờ trong giỏ hàng.">
  <#assign title = pick.byStep("Bạn còn để quên vài món", "Giỏ hàng của bạn vẫn đang chờ")>
  <#assign intro = "Các sản phẩm dưới đây vẫn còn trong giỏ hàng của bạn tại ${shop}. Hoàn tất đơn hàng chỉ với vài cú nhấp chuột.">
  <#assign button = "Hoàn tất mua hàng">
<#else>
  <#assign subject = pick.byStep("Giỏ hàng của bạn tại ${shop} đã được lưu lại",
      firstName???then("${firstName} ơi, bạn vẫn đang cân nhắc?", "Bạn vẫn đang cân nhắc?"),
      "Giỏ hàng đã lưu của bạn tại ${shop}")>
  <#assign preheader = "Những món bạn đã chọn vẫn được lưu trong giỏ hàng.">
  <#assign title = "Giỏ hàng của bạn đã được lưu">
  <#assign intro = "Bạn còn để lại vài sản phẩm trong giỏ hàng tại ${shop}. Chúng tôi đã lưu lại để bạn có thể tiếp tục bất cứ lúc nào thuận tiện.">
  <#assign button = "Xem giỏ hàng">
  <#assign outro = "Bạn có câu hỏi về sản phẩm hay giao hàng? Chúng tôi luôn sẵn lòng hỗ trợ.">
</#if>
