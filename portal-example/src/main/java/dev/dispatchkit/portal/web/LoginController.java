package dev.dispatchkit.portal.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles its POST and the logout. */
@Controller
final class LoginController {

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
