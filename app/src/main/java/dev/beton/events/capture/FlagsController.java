package dev.beton.events.capture;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Beton has no feature flags, but browser SDKs ask for them at start-up: an empty, well-formed
 * answer keeps them quiet instead of logging errors on every page load.
 */
@RestController
@CrossOrigin(originPatterns = "*", allowCredentials = "true", maxAge = 86400)
class FlagsController {

    @RequestMapping(
            path = {"/flags", "/flags/", "/decide", "/decide/"},
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> flags() {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"featureFlags\":{},\"featureFlagPayloads\":{},\"errorsWhileComputingFlags\":false,"
                        + "\"flags\":{},\"requestId\":null}");
    }
}
