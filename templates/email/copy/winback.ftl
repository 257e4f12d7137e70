<#--
  Win-back (customers who have not ordered for a while), English: see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Picked for you">
<#if direct>
  <#assign subject = pick.byStep("We miss you at ${shop}",
      "Reminder: we'd love to see you back at ${shop}",
      firstName???then("Come back to ${shop}, ${firstName}", "Come back to ${shop}"))>
  <#assign preheader = "See what's new since your last order.">
  <#assign title = "We miss you">
  <#assign intro = "It's been a while since your last order. Come back and see what's new: we picked a few favourites for you.">
  <#assign button = "Shop now">
<#else>
  <#assign subject = pick.byStep(firstName???then("It's been a while, ${firstName}", "It's been a while"),
      "What's new at ${shop} since your last visit",
      "A few picks from ${shop}")>
  <#assign preheader = "A few things we think you'll like.">
  <#assign title = "It's been a while">
  <#assign intro = "It's been some time since your last order at ${shop}. Here are a few things we think you'll like, whenever you feel like browsing.">
  <#assign button = "Visit the store">
</#if>
