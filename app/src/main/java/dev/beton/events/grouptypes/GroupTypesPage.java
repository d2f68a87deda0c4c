package dev.beton.events.grouptypes;

import dev.beton.web.NavItem;
import dev.beton.web.Page;
import dev.beton.web.ProblemException;
import dev.beton.workspace.CurrentWorkspace;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The workspace's group-type slots, and the types events use without one; admins change them. */
@Controller
@Page
class GroupTypesPage {

    static final String PATH = "/settings/group-types";

    private final GroupTypeSettings settings;

    GroupTypesPage(GroupTypeSettings settings) {
        this.settings = settings;
    }

    @GetMapping(PATH)
    String page(CurrentWorkspace current, Model model) {
        model.addAttribute("current", current);
        model.addAttribute("groupTypes", settings.list(current.id()));
        model.addAttribute("unslotted", settings.unslotted(current.id()));
        model.addAttribute("slots", GroupTypeSettings.SLOTS);
        return "group-types";
    }

    @PostMapping(PATH)
    String add(CurrentWorkspace current, @RequestParam String name, RedirectAttributes redirect) {
        return change(current, redirect, workspace -> {
            GroupType added = settings.add(workspace, name);
            redirect.addFlashAttribute(
                    "message", "Added '" + added.name() + "' in slot " + added.index() + ". New events group by it.");
        });
    }

    @PostMapping(PATH + "/{index}/rename")
    String rename(
            CurrentWorkspace current, @PathVariable int index, @RequestParam String name, RedirectAttributes redirect) {
        return change(current, redirect, workspace -> {
            GroupType renamed = settings.rename(workspace, index, name);
            redirect.addFlashAttribute("message", "Slot " + index + " is now '" + renamed.name() + "'.");
        });
    }

    @PostMapping(PATH + "/{index}/remove")
    String remove(CurrentWorkspace current, @PathVariable int index, RedirectAttributes redirect) {
        return change(current, redirect, workspace -> {
            settings.remove(workspace, index);
            redirect.addFlashAttribute("message", "Slot " + index + " is free; its groups were removed.");
        });
    }

    private static String change(CurrentWorkspace current, RedirectAttributes redirect, Consumer<Long> change) {
        GroupTypesApi.requireAdmin(current);
        try {
            change.accept(current.id());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        redirect.addAttribute("workspace", current.workspace().slug());
        return "redirect:" + PATH;
    }

    @Bean
    static NavItem groupTypesNav() {
        return new NavItem("group-types", "Group types", PATH, 710).in(NavItem.SETTINGS);
    }
}
