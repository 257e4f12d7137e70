<#-- The browse-reminder email, plain-text part; its wording (copy) comes from copy/browse-reminder.ftl, copy/browse-reminder_vi.ftl… -->
<#import "/email/layout.ftl" as layout>
<@layout.journey copy=copy/>
