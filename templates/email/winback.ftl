<#-- The winback email, plain-text part; its wording (copy) comes from copy/winback.ftl, copy/winback_vi.ftl… -->
<#import "/email/layout.ftl" as layout>
<@layout.journey copy=copy/>
