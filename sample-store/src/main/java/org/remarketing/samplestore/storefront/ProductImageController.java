package org.remarketing.samplestore.storefront;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Product images at Shopizer's path, {@code /static/products/{store}/{sku}/{SMALL|LARGE}/{file}},
 * served from the seed's classpath images. Only plain file names get through: no path tricks.
 */
@Controller
class ProductImageController {

    private static final Pattern SAFE_FILE = Pattern.compile("[A-Za-z0-9._-]+\\.(png|jpg)");
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    @GetMapping("/static/products/{store}/{sku}/{size}/{file:.+}")
    ResponseEntity<Resource> image(@PathVariable String store, @PathVariable String sku,
                                   @PathVariable String size, @PathVariable String file) {
        if (!SAFE_SEGMENT.matcher(store).matches() || !SAFE_SEGMENT.matcher(sku).matches()
                || !("SMALL".equals(size) || "LARGE".equals(size))
                || !SAFE_FILE.matcher(file).matches() || file.contains("..")) {
            return ResponseEntity.notFound().build();
        }
        Resource image = new ClassPathResource("seed/images/" + file);
        if (!image.exists()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(file.endsWith(".png") ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG)
                .cacheControl(CacheControl.maxAge(7, TimeUnit.DAYS).cachePublic())
                .body(image);
    }
}
