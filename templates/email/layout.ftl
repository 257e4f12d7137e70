<#--
  The frame and building blocks of every remarketing email (plain-text part), the counterpart
  of layout.ftlh. A journey email is

    <#import "/email/layout.ftl" as layout>
    <@layout.journey copy=copy showSubtotal=true/>

  (copy: what copy/<key>.ftl assigned for this email, in the model)

  and a custom one uses the pieces:

    <@layout.page storeName=store.name storeUrl=store.url unsubscribeUrl=unsubscribeUrl title="You left something behind">
    …
    <@layout.button href=recoveryUrl>Return to your cart</@layout.button>
    </@layout.page>
-->
<#import "/email/copy/common.ftl" as common>
<#macro page storeName unsubscribeUrl="" storeUrl="" title="" storeAddress="" preferencesUrl="">
${storeName}
<#if title?has_content>

${title}
${""?left_pad(title?length, "=")}
</#if>

<#nested>

--
${common.receivedFrom(storeName + storeUrl?has_content?then(" (${storeUrl})", ""))}
<#if storeAddress?has_content>
${storeAddress}
</#if>
<#if unsubscribeUrl?has_content>
${common.unsubscribe}: ${unsubscribeUrl}
</#if>
<#if preferencesUrl?has_content>
${common.preferences}: ${preferencesUrl}
</#if>
</#macro>

<#macro button href>
<#nested>: ${href}
</#macro>

<#-- One product a paragraph: name (variant), quantity and price, link. -->
<#macro productList lines heading="">
<#if heading?has_content>
${heading}
${""?left_pad(heading?length, "-")}
</#if>
<#list lines as line>
* ${line.name}<#if line.variant??> (${line.variant})</#if>
<#if line.cartLine || line.price??>
  <#if line.cartLine>${common.quantity}: ${line.quantity?c}<#if line.price??> · </#if></#if>${line.price!}
</#if>
<#if line.url??>
  ${line.url}
</#if>
</#list>
</#macro>

<#macro relatedRow lines heading=common.relatedHeading>
<#if lines?has_content>
<#local shown = (lines?size > 4)?then(lines[0..3], lines)>
${heading}
${""?left_pad(heading?length, "-")}
<@productList lines=shown/>
</#if>
</#macro>

<#-- A whole journey email from the data model and its copy (see layout.ftlh). -->
<#macro journey copy showSubtotal=false>
<@page storeName=store.name storeUrl=store.url! storeAddress=store.address!
    unsubscribeUrl=unsubscribeUrl preferencesUrl=preferencesUrl title=copy.title>
${common.greeting()}

${copy.intro}
<#if offerText??>

>> ${offerText} <<
</#if>
<#if products?has_content>

<@productList lines=products heading=copy.productsHeading!/>
<#if showSubtotal && subtotal??>

${common.subtotal}: ${subtotal}
</#if>
</#if>

<@button href=primaryUrl>${copy.button}</@button>
<#if copy.outro??>

${copy.outro}
</#if>
<@relatedRow lines=related/>
</@page>
</#macro>
