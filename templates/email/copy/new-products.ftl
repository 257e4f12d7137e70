<#--
  New products (in categories the contact bought from), English: see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Just added">
<#if direct>
  <#assign subject = pick.byStep("Just in at ${shop}: new arrivals for you",
      "Reminder: new arrivals picked for you",
      "Have you seen the new arrivals at ${shop}?")>
  <#assign preheader = "Fresh picks in the categories you like.">
  <#assign title = "Just in for you">
  <#assign intro = "New products have arrived in the categories you like. Have a look and find your next favourite.">
  <#assign button = "Shop now">
<#else>
  <#assign subject = pick.byStep("New at ${shop}",
      "Fresh arrivals you might like",
      "Recently added at ${shop}")>
  <#assign preheader = "New products in the categories you like.">
  <#assign title = "New arrivals">
  <#assign intro = "We've added new products in the categories you like. Have a look whenever you have a moment.">
  <#assign button = "See what's new">
</#if>
