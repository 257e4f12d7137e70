package org.remarketing.samplestore.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the backoffice single-page app (static/admin/) at /admin and /admin/. */
@Controller
public class BackofficeController {

    @GetMapping({"/admin", "/admin/"})
    public String index() {
        return "forward:/admin/index.html";
    }
}
