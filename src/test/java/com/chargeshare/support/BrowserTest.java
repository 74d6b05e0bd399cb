package com.chargeshare.support;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that drives a real browser: tagged {@code browser} (leave them out with
 * {@code -DexcludedGroups=browser}), its tests and {@code @BeforeEach} methods take a {@code WebDriver} parameter,
 * lent by {@link Browser}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(Browser.class)
public @interface BrowserTest {
}
