<#--
  Wording every email shares, in English (Vietnamese: common_vi.ftl; another language:
  common_<lang>.ftl next to the copy files). Imported by layout.ftlh/.ftl.
  Plain text: the HTML part escapes it.
-->
<#assign lang = "en">
<#assign quantity = "Quantity">
<#assign subtotal = "Subtotal">
<#assign relatedHeading = "You might also like">
<#assign unsubscribe = "Unsubscribe">
<#assign preferences = "Email preferences">
<#function greeting>
  <#return firstName???then("Hi ${firstName},", "Hi there,")>
</#function>
<#function receivedFrom storeName>
  <#return "You receive this email from ${storeName}.">
</#function>
