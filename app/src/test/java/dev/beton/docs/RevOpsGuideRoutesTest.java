package dev.beton.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beton.testsupport.OnEmbeddedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Every page and route docs/REVOPS-USER-GUIDE.md names in backticks is one Beton serves. */
@OnEmbeddedStore
class RevOpsGuideRoutesTest {

    private static final Path GUIDE = Path.of("../docs/REVOPS-USER-GUIDE.md");
    private static final Pattern ROUTE = Pattern.compile("`(/[A-Za-z0-9_./{}-]*)`");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteTheGuideNamesExists() throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher matcher = ROUTE.matcher(Files.readString(GUIDE));
        while (matcher.find()) {
            named.add(matcher.group(1));
        }
        assertThat(named).as("routes named in the guide").contains("/signals", "/accounts", "/settings/signals");

        List<PathPattern> served = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            info.getPatternValues().forEach(p -> served.add(PathPatternParser.defaultInstance.parse(p)));
        }
        List<String> missing = named.stream()
                .filter(route -> served.stream().noneMatch(p -> p.matches(PathContainer.parsePath(route))))
                .toList();
        assertThat(missing)
                .as("routes the guide names that Beton does not serve")
                .isEmpty();
    }
}
