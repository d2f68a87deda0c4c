package dev.beton.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The launcher's training start ({@code -Dbeton.training-run=true}): once the application is ready
 * and its background first-start work is done (demo world, first detection: {@link BackgroundStart})
 * — close it and leave the JVM, which then writes its class-data/AOT cache. Exiting
 * here instead of at context refresh ({@code spring.context.exit=onRefresh}) lets the cache cover
 * what a real first start does, not only the bean wiring (docs/PERFORMANCE.md, "Start-up").
 */
@Component
class TrainingRunExit {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunExit.class);

    private final boolean trainingRun;
    private final BackgroundStart background;

    TrainingRunExit(@Value("${beton.training-run:false}") boolean trainingRun, BackgroundStart background) {
        this.trainingRun = trainingRun;
        this.background = background;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void exitWhenTraining(ApplicationReadyEvent ready) {
        if (!trainingRun) {
            return;
        }
        ConfigurableApplicationContext context = ready.getApplicationContext();
        background.finished().thenRun(() -> {
            log.info("Training start finished; exiting so the JVM writes its start-up cache");
            System.exit(SpringApplication.exit(context, () -> 0));
        });
    }
}
