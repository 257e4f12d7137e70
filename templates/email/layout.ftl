<#--
  The frame of every remarketing email (plain-text part), the counterpart of layout.ftlh:

    <#import "/email/layout.ftl" as layout>
    <@layout.page storeName=store.name storeUrl=store.url unsubscribeUrl=unsubscribeUrl title="You left something behind">
    …
    <@layout.button href=recoveryUrl>Return to your cart</@layout.button>
    </@layout.page>
-->
<#macro page storeName unsubscribeUrl="" storeUrl="" title="">
${storeName}
<#if title?has_content>

${title}
${""?left_pad(title?length, "=")}
</#if>

<#nested>

--
You receive this email from ${storeName}<#if storeUrl?has_content> (${storeUrl})</#if>.
<#if unsubscribeUrl?has_content>
Unsubscribe: ${unsubscribeUrl}
</#if>
</#macro>

<#macro button href>
<#nested>: ${href}
</#macro>
