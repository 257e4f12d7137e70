<#-- The cross-sell email, plain-text part; its wording (copy) comes from copy/cross-sell.ftl, copy/cross-sell_vi.ftl… -->
<#import "/email/layout.ftl" as layout>
<@layout.journey copy=copy/>
