<#--
  Birthday, English: see cart-reminder.ftl for the variables. An offer (offerText) shows above the products.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "A few ideas">
<#assign title = "Happy birthday!">
<#if direct>
  <#assign subject = pick.byStep(firstName???then("Happy birthday, ${firstName}! Treat yourself at ${shop}", "Happy birthday! Treat yourself at ${shop}"),
      "Reminder: birthday picks for you at ${shop}",
      "Don't forget to treat yourself this birthday")>
  <#assign preheader = "Celebrate with something you'll love.">
  <#assign intro = "Everyone at ${shop} wishes you a wonderful birthday. Celebrate with something special: we picked a few favourites for you.">
  <#assign button = "Shop now">
<#else>
  <#assign subject = pick.byStep(firstName???then("Happy birthday, ${firstName}!", "Happy birthday from ${shop}!"),
      "Birthday wishes from ${shop}")>
  <#assign preheader = "Warm wishes from all of us at ${shop}.">
  <#assign intro = "Everyone at ${shop} wishes you a wonderful birthday. If you feel like treating yourself, here are a few ideas.">
  <#assign button = "Browse the store">
</#if>
