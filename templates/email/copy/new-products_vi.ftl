<#--
  Hàng mới về, tiếng Việt (New products, Vietnamese): see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Vừa lên kệ">
<#if direct>
  <#assign subject = pick.byStep("Vừa về tại ${shop}: hàng mới dành cho bạn",
      "Nhắc bạn: hàng mới được chọn cho bạn",
      "Bạn đã xem hàng mới tại ${shop} chưa?")>
  <#assign preheader = "Những món mới trong danh mục bạn yêu thích.">
  <#assign title = "Hàng mới dành cho bạn">
  <#assign intro = "Sản phẩm mới vừa về trong những danh mục bạn yêu thích. Khám phá ngay để tìm món yêu thích tiếp theo của bạn.">
  <#assign button = "Mua ngay">
<#else>
  <#assign subject = pick.byStep("Hàng mới tại ${shop}",
      "Sản phẩm mới có thể bạn sẽ thích",
      "Mới lên kệ tại ${shop}")>
  <#assign preheader = "Sản phẩm mới trong những danh mục bạn yêu thích.">
  <#assign title = "Hàng mới về">
  <#assign intro = "Chúng tôi vừa thêm sản phẩm mới trong những danh mục bạn yêu thích. Bạn cứ xem khi rảnh nhé.">
  <#assign button = "Xem hàng mới">
</#if>
