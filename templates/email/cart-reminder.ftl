<#-- The cart-reminder email, plain-text part; its wording (copy) comes from copy/cart-reminder.ftl, copy/cart-reminder_vi.ftl… -->
<#import "/email/layout.ftl" as layout>
<@layout.journey copy=copy showSubtotal=true/>
