<#--
  Cart reminder, English: the wording of the subject, the HTML part and the text part. Assigns
  subject, title, intro and button (required), preheader, productsHeading and outro (optional);
  EmailComposer runs this file once per email and hands these to the parts as copy.
  Plain text (the HTML part escapes it); values only, no macros. direct: the DIRECT tone (a
  reminder, no pressure either way), else GENTLE; step: 1, 2, 3…
-->
<#import "/email/copy/pick.ftl" as pick>
<#assign shop = store.name>
<#assign productsHeading = "In your cart">
<#if direct>
  <#assign subject = pick.byStep("You left something in your cart",
      "Reminder: your cart at ${shop} is still waiting",
      firstName???then("${firstName}, don't forget your cart", "Don't forget your cart at ${shop}"))>
  <#assign preheader = "The items you picked are still waiting in your cart.">
  <#assign title = pick.byStep("You left something behind", "Your cart is still waiting")>
  <#assign intro = "The items below are still in your cart at ${shop}. Complete your purchase in just a few clicks.">
  <#assign button = "Complete your purchase">
<#else>
  <#assign subject = pick.byStep("Your cart at ${shop} is saved for you",
      firstName???then("${firstName}, still thinking it over?", "Still thinking it over?"),
      "Your saved cart at ${shop}")>
  <#assign preheader = "Everything you picked is saved in your cart.">
  <#assign title = "Your cart is saved">
  <#assign intro = "You left a few things in your cart at ${shop}. We've kept them for you, so you can pick up where you left off whenever it suits you.">
  <#assign button = "View your cart">
  <#assign outro = "Questions about a product or delivery? We're happy to help.">
</#if>
