package org.remarketing.samplestore.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright. Playwright cannot download its own browsers here, so
 * the download is switched off and the system browser launched; a missing browser is a failure,
 * not a skip.
 */
final class BrowserSession implements AutoCloseable {

    static final Path CHROMIUM = Paths.get(System.getProperty("chromium.path", "/usr/bin/chromium"));

    private final Playwright playwright;
    final Browser browser;

    BrowserSession() {
        this(null);
    }

    /**
     * @param userAgent what every request of this browser names itself, beacons sent while a page unloads
     *                  included (a context's user-agent override does not reach those); null keeps Chromium's
     *                  own {@code HeadlessChrome}, which the plugin's events endpoint ignores as a bot
     */
    BrowserSession(String userAgent) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium not found at " + CHROMIUM
                    + ": install it (apt-get install -y chromium) or set -Dchromium.path");
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        List<String> args = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                // sandboxed iframes (the mailbox shows mail in one) render in screenshots only in-process
                "--disable-features=IsolateSandboxedIframes"));
        if (userAgent != null) {
            args.add("--user-agent=" + userAgent);
        }
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(args));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
