<#-- The birthday email, plain-text part; its wording (copy) comes from copy/birthday.ftl, copy/birthday_vi.ftl… -->
<#import "/email/layout.ftl" as layout>
<@layout.journey copy=copy/>
