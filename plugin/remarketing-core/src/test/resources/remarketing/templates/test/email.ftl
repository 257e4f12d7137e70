<#import "/email/layout.ftl" as layout>
<@layout.page storeName=storeName unsubscribeUrl=unsubscribeUrl title="You left something behind">
Your cart is waiting.
<@layout.button href="https://shop.example/cart/abc">Return to your cart</@layout.button>
</@layout.page>
