<#--
  Browse reminder (products the shopper looked at), English: see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "You looked at">
<#if direct>
  <#assign subject = pick.byStep("Still thinking about ${pick.firstProduct('it')}?",
      "Reminder: the products you viewed at ${shop}",
      "Don't forget what you liked at ${shop}")>
  <#assign preheader = "The products you viewed are one click away.">
  <#assign title = "Still thinking about it?">
  <#assign intro = "The products you viewed at ${shop} are one click away. Come back and make them yours.">
  <#assign button = "Shop now">
<#else>
  <#assign subject = pick.byStep("Something caught your eye at ${shop}",
      "A second look at what you viewed",
      "Ideas picked for you at ${shop}")>
  <#assign preheader = "The products you looked at, in one place.">
  <#assign title = "Something caught your eye">
  <#assign intro = "Here are the products you were looking at on ${shop}, in case you'd like another look. Take your time.">
  <#assign button = "Take another look">
</#if>
