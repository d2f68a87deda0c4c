package dev.beton.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A page whose action fails shows the problem as a sentence, with the right status. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("title", e.toProblemDetail().getTitle());
        model.addAttribute("detail", e.getMessage());
        return "problem";
    }
}
