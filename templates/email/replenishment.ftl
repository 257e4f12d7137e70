<#-- The replenishment email, plain-text part; its wording (copy) comes from copy/replenishment.ftl, copy/replenishment_vi.ftl… -->
<#import "/email/layout.ftl" as layout>
<@layout.journey copy=copy/>
