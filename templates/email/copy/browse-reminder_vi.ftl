<#--
  Nhắc sản phẩm đã xem, tiếng Việt (Browse reminder, Vietnamese): see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Bạn đã xem">
<#if direct>
  <#assign subject = pick.byStep("Bạn vẫn còn nghĩ về ${pick.firstProduct('món đó')}?",
      "Nhắc bạn: những sản phẩm bạn đã xem tại ${shop}",
      "Đừng quên những món bạn thích tại ${shop}")>
  <#assign preheader = "Những sản phẩm bạn đã xem chỉ cách bạn một cú nhấp chuột.">
  <#assign title = "Bạn vẫn còn phân vân?">
  <#assign intro = "Những sản phẩm bạn đã xem tại ${shop} chỉ cách bạn một cú nhấp chuột. Quay lại và chọn cho mình món ưng ý nhé.">
  <#assign button = "Mua ngay">
<#else>
  <#assign subject = pick.byStep("Những món bạn đã để ý tại ${shop}",
      "Xem lại những sản phẩm bạn đã xem",
      "Vài gợi ý dành cho bạn tại ${shop}")>
  <#assign preheader = "Những sản phẩm bạn đã xem, gom lại một chỗ.">
  <#assign title = "Những món bạn đã để ý">
  <#assign intro = "Đây là những sản phẩm bạn đã xem tại ${shop}, phòng khi bạn muốn xem lại. Bạn cứ thong thả nhé.">
  <#assign button = "Xem lại sản phẩm">
</#if>
