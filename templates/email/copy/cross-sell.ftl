<#--
  Cross-sell (products bought, related products that go with them), English: see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign item = pick.firstProduct("recent order")>
<#assign productsHeading = "Your recent order">
<#if direct>
  <#assign subject = pick.byStep("Complete your set from ${shop}",
      "Reminder: picks to go with your ${item}",
      "Don't forget these matches for your ${item}")>
  <#assign preheader = "Get the most out of your recent order.">
  <#assign title = "Complete your set">
  <#assign intro = "Thank you for your recent order at ${shop}. The products below go well with it: add them to your next order.">
  <#assign button = "Shop now">
<#else>
  <#assign subject = pick.byStep("Ideas to go with your recent order",
      "More ideas to go with your ${item}",
      "More ideas from ${shop}")>
  <#assign preheader = "Products that go well with what you bought.">
  <#assign title = "Made to go together">
  <#assign intro = "Thank you for your recent order at ${shop}. Here are a few products that go well with it, in case they're useful.">
  <#assign button = "See the ideas">
</#if>
