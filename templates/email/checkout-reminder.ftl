<#-- The checkout-reminder email, plain-text part; its wording (copy) comes from copy/checkout-reminder.ftl, copy/checkout-reminder_vi.ftl… -->
<#import "/email/layout.ftl" as layout>
<@layout.journey copy=copy showSubtotal=true/>
