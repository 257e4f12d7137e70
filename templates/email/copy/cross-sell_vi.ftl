<#--
  Gợi ý mua kèm, tiếng Việt (Cross-sell, Vietnamese): see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign item = pick.firstProduct("đơn hàng gần đây")>
<#assign productsHeading = "Đơn hàng gần đây của bạn">
<#if direct>
  <#assign subject = pick.byStep("Hoàn thiện bộ sản phẩm của bạn tại ${shop}",
      "Nhắc bạn: gợi ý đi kèm ${item}",
      "Đừng quên những món hợp với ${item}")>
  <#assign preheader = "Tận dụng tối đa đơn hàng gần đây của bạn.">
  <#assign title = "Hoàn thiện bộ sản phẩm">
  <#assign intro = "Cảm ơn bạn đã đặt hàng tại ${shop}. Những sản phẩm dưới đây rất hợp với món bạn đã mua: hãy thêm chúng vào đơn hàng tiếp theo nhé.">
  <#assign button = "Mua ngay">
<#else>
  <#assign subject = pick.byStep("Gợi ý đi kèm đơn hàng gần đây của bạn",
      "Thêm gợi ý đi cùng ${item}",
      "Thêm gợi ý từ ${shop}")>
  <#assign preheader = "Những sản phẩm hợp với món bạn đã mua.">
  <#assign title = "Những món hợp nhau">
  <#assign intro = "Cảm ơn bạn đã đặt hàng tại ${shop}. Dưới đây là vài sản phẩm dùng kèm rất hợp, phòng khi bạn cần.">
  <#assign button = "Xem gợi ý">
</#if>
