<#-- The new-products email, plain-text part; its wording (copy) comes from copy/new-products.ftl, copy/new-products_vi.ftl… -->
<#import "/email/layout.ftl" as layout>
<@layout.journey copy=copy/>
