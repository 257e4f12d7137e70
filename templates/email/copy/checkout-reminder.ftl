<#--
  Checkout reminder, English: see cart-reminder.ftl for the variables.
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "Your order">
<#if direct>
  <#assign subject = pick.byStep("Complete your order at ${shop}",
      "Reminder: your order is not finished yet",
      firstName???then("${firstName}, your order is still waiting", "Your order at ${shop} is still waiting"))>
  <#assign preheader = "You were one step away from completing your order.">
  <#assign title = "Your order is almost done">
  <#assign intro = "You were one step away from completing your order at ${shop}. Your items are below: complete your order now in a few clicks.">
  <#assign button = "Complete your order">
<#else>
  <#assign subject = pick.byStep("Your order at ${shop} is ready when you are",
      "Anything we can help with before you finish?",
      "Your checkout at ${shop} is saved")>
  <#assign preheader = "Your items and details are saved.">
  <#assign title = "Pick up where you left off">
  <#assign intro = "You started checking out at ${shop}. Your items are saved, so finishing takes just a moment whenever you're ready.">
  <#assign button = "Continue to checkout">
  <#assign outro = "If something held you back, such as delivery or payment options, we're glad to help.">
</#if>
