<#--
  Wording every email shares, in Vietnamese (English: common.ftl).
-->
<#assign lang = "vi">
<#assign quantity = "Số lượng">
<#assign subtotal = "Tạm tính">
<#assign relatedHeading = "Có thể bạn cũng thích">
<#assign unsubscribe = "Hủy đăng ký">
<#assign preferences = "Tùy chọn nhận email">
<#function greeting>
  <#return firstName???then("Chào ${firstName},", "Xin chào,")>
</#function>
<#function receivedFrom storeName>
  <#return "Bạn nhận được email này từ ${storeName}.">
</#function>
