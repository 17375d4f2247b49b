package org.medgo.gateway.review;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The review app's public URLs: the SMART launch URL {@code /review/launch?iss=…&launch=…} and {@code /review/}. */
@Controller
class ReviewAppRoutes {

    @GetMapping("/review/launch")
    String launch() {
        return "forward:/review/launch.html";
    }

    @GetMapping({"/review", "/review/"})
    String queue() {
        return "forward:/review/index.html";
    }
}
