<#--
  Helpers for the copy files, the same in every language (so no pick_<lang>.ftl):
    <#import "/email/copy/pick.ftl" as pick>
    <#assign subject = pick.byStep("first", "second", "third and later")>
-->
<#-- The wording for the journey's step: the 1st, the 2nd, the 3rd and later (default: the 2nd's). -->
<#function byStep first second third=second>
  <#return (step >= 3)?then(third, (step == 2)?then(second, first))>
</#function>
<#-- A product name short enough for a subject line. -->
<#function short text max=40>
  <#return (text?length > max)?then(text[0..<(max - 1)]?trim + "…", text)>
</#function>
<#-- The first product's name (shortened), or the fallback when there is none. -->
<#function firstProduct fallback>
  <#return products?has_content?then(short(products[0].name), fallback)>
</#function>
