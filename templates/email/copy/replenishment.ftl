<#--
  Replenishment (products bought before that may be running low), English: see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign item = pick.firstProduct("your favourites")>
<#assign productsHeading = "From your last order">
<#if direct>
  <#assign subject = pick.byStep("Time to reorder ${item}",
      "Reminder: restock your favourites at ${shop}",
      "Don't run out of ${item}")>
  <#assign preheader = "Reorder today and keep your favourites at hand.">
  <#assign title = "Time to reorder">
  <#assign intro = "By now you are probably running low on the products below. Reorder today so you don't run out.">
  <#assign button = "Reorder now">
<#else>
  <#assign subject = pick.byStep("Time to restock?",
      "Running low on ${item}?",
      "Your favourites at ${shop}")>
  <#assign preheader = "Reorder your usual in a couple of clicks.">
  <#assign title = "Time to restock?">
  <#assign intro = "Based on your last order, you may be running low on the products below. You can reorder them in a couple of clicks whenever you need them.">
  <#assign button = "Reorder">
</#if>
