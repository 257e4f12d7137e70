<#assign leaked = "yes">${items?size} items, first ${items[0].name}, ${flag?then("on", "off")}, total ${total?c}
