package org.remarketing.samplestore.seed.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Draws the sample store's product pictures (600x600 PNG) from {@code seed/catalog.json}: a soft
 * gradient in the category's palette, a flat illustration chosen by the product's {@code icon},
 * and the product's English name. Run once; the output is committed under
 * {@code sample-store/src/main/resources/seed/images/{SKU}.png}.
 *
 * <pre>
 * java -cp ... org.remarketing.samplestore.seed.tools.ProductImageGenerator [outputDir]
 * </pre>
 *
 * Only vertical gradients and flat fills are used so that PNG row filters keep files small.
 */
public final class ProductImageGenerator {

    private static final int SIZE = 600;
    private static final String FONT = "DejaVu Sans";

    private interface Icon {
        void draw(Graphics2D g, Color main, Color dark, Color light);
    }

    private final Map<String, Icon> icons = new HashMap<>();

    private ProductImageGenerator() {
        registerIcons();
    }

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args.length > 0 ? args[0] : "sample-store/src/main/resources/seed/images");
        Files.createDirectories(out);
        JsonNode catalog;
        try (InputStream in = ProductImageGenerator.class.getResourceAsStream("/seed/catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("seed/catalog.json is not on the classpath");
            }
            catalog = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> categories = new HashMap<>();
        for (JsonNode c : catalog.get("categories")) {
            categories.put(c.get("code").asText(), c);
        }
        ProductImageGenerator generator = new ProductImageGenerator();
        long total = 0;
        for (JsonNode p : catalog.get("products")) {
            JsonNode category = categories.get(p.get("category").asText());
            BufferedImage image = generator.render(p, category);
            File file = out.resolve(p.get("sku").asText() + ".png").toFile();
            ImageIO.write(image, "png", file);
            total += file.length();
            System.out.printf(Locale.ROOT, "%s %6d bytes%n", file.getName(), file.length());
        }
        System.out.printf(Locale.ROOT, "total %d bytes%n", total);
    }

    BufferedImage render(JsonNode product, JsonNode category) {
        Color main = Color.decode(category.get("palette").get(0).asText());
        // products sharing an illustration get slightly different shades
        int shade = Math.floorMod(product.get("sku").asText().hashCode(), 4);
        main = shade < 2 ? mix(main, Color.BLACK, shade * 0.12f) : mix(main, Color.WHITE, (shade - 1) * 0.12f);
        Color light = Color.decode(category.get("palette").get(1).asText());
        Color dark = mix(main, Color.BLACK, 0.35f);

        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);

        // background: a soft vertical gradient in the category's palette
        g.setPaint(new GradientPaint(0, 0, mix(light, Color.WHITE, 0.55f), 0, SIZE, light));
        g.fillRect(0, 0, SIZE, SIZE);

        // halo and a soft floor shadow
        g.setColor(new Color(255, 255, 255, 150));
        g.fill(new Ellipse2D.Double(300 - 175, 250 - 175, 350, 350));
        g.setColor(new Color(dark.getRed(), dark.getGreen(), dark.getBlue(), 40));
        g.fill(new Ellipse2D.Double(300 - 120, 368, 240, 26));

        // category label
        String label = category.get("en").get("name").asText().toUpperCase(Locale.ROOT);
        g.setFont(new Font(FONT, Font.BOLD, 15));
        drawSpaced(g, label, 300, 52, 3.2f, mix(main, Color.WHITE, 0.1f));

        // the illustration
        Icon icon = icons.getOrDefault(product.get("icon").asText(), icons.get("bag"));
        AffineTransform saved = g.getTransform();
        g.translate(300, 250);
        icon.draw(g, main, dark, light);
        g.setTransform(saved);

        // product name
        String name = product.get("en").get("name").asText();
        g.setColor(mix(dark, Color.BLACK, 0.2f));
        drawWrapped(g, name, 300, 470, 520);

        // small footer rule
        g.setColor(new Color(main.getRed(), main.getGreen(), main.getBlue(), 110));
        g.fill(new RoundRectangle2D.Double(276, 560, 48, 5, 5, 5));
        g.dispose();
        return image;
    }

    private static void drawSpaced(Graphics2D g, String text, int cx, int y, float spacing, Color color) {
        FontMetrics fm = g.getFontMetrics();
        float width = 0;
        for (char ch : text.toCharArray()) {
            width += fm.charWidth(ch) + spacing;
        }
        width -= spacing;
        float x = cx - width / 2f;
        g.setColor(color);
        for (char ch : text.toCharArray()) {
            g.drawString(String.valueOf(ch), x, y);
            x += fm.charWidth(ch) + spacing;
        }
    }

    private static void drawWrapped(Graphics2D g, String text, int cx, int y, int maxWidth) {
        int size = 38;
        Font font = new Font(FONT, Font.BOLD, size);
        g.setFont(font);
        List<String> lines = wrap(g.getFontMetrics(), text, maxWidth);
        while ((lines.size() > 2 || widest(g.getFontMetrics(), lines) > maxWidth) && size > 22) {
            size -= 2;
            g.setFont(new Font(FONT, Font.BOLD, size));
            lines = wrap(g.getFontMetrics(), text, maxWidth);
        }
        FontMetrics fm = g.getFontMetrics();
        int lineHeight = (int) (fm.getHeight() * 1.05);
        int top = lines.size() == 1 ? y + fm.getAscent() / 2 : y - lineHeight / 2 + fm.getAscent() / 2;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            g.drawString(line, cx - fm.stringWidth(line) / 2f, top + i * lineHeight);
        }
    }

    private static int widest(FontMetrics fm, List<String> lines) {
        int w = 0;
        for (String l : lines) {
            w = Math.max(w, fm.stringWidth(l));
        }
        return w;
    }

    private static List<String> wrap(FontMetrics fm, String text, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(candidate) > maxWidth && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    static Color mix(Color a, Color b, float t) {
        return new Color(
                Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    private static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    private static final Color WHITE_SOFT = new Color(255, 255, 255, 200);

    private static Shape rr(double x, double y, double w, double h, double r) {
        return new RoundRectangle2D.Double(x, y, w, h, r, r);
    }

    private static Shape oval(double cx, double cy, double rx, double ry) {
        return new Ellipse2D.Double(cx - rx, cy - ry, rx * 2, ry * 2);
    }

    private static void stroke(Graphics2D g, Color c, float width, Shape s) {
        g.setColor(c);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(s);
    }

    private static void fill(Graphics2D g, Color c, Shape s) {
        g.setColor(c);
        g.fill(s);
    }

    /** A leaf shape between (0, -h/2) and (0, h/2), width w. */
    private static Shape leaf(double w, double h) {
        GeneralPath p = new GeneralPath();
        p.moveTo(0, -h / 2);
        p.curveTo(w / 2, -h / 4, w / 2, h / 4, 0, h / 2);
        p.curveTo(-w / 2, h / 4, -w / 2, -h / 4, 0, -h / 2);
        p.closePath();
        return p;
    }

    private void registerIcons() {
        icons.put("bag", (g, m, d, l) -> {
            // coffee bag with folded top and a bean on the label
            GeneralPath bag = new GeneralPath();
            bag.moveTo(-80, -85);
            bag.lineTo(80, -85);
            bag.lineTo(95, 120);
            bag.lineTo(-95, 120);
            bag.closePath();
            fill(g, g2(m), bag);
            fill(g, d, rr(-88, -118, 176, 40, 10));
            fill(g, WHITE_SOFT, rr(-58, -20, 116, 92, 14));
            fill(g, m, oval(0, 26, 22, 32));
            GeneralPath crease = new GeneralPath();
            crease.moveTo(2, -2);
            crease.curveTo(-12, 14, 12, 38, -2, 54);
            stroke(g, WHITE_SOFT, 4, crease);
            fill(g, alpha(Color.WHITE, 60), rr(48, -78, 14, 190, 7));
        });
        icons.put("leaf", (g, m, d, l) -> {
            fill(g, d, rr(-70, -20, 140, 140, 22));
            fill(g, m, rr(-78, -40, 156, 34, 10));
            AffineTransform t = g.getTransform();
            g.translate(-18, -70);
            g.rotate(-0.5);
            fill(g, mix(m, new Color(120, 160, 90), 0.6f), leaf(80, 150));
            stroke(g, WHITE_SOFT, 4, new Line2D.Double(0, -60, 0, 60));
            g.setTransform(t);
            g.translate(36, -62);
            g.rotate(0.45);
            fill(g, mix(m, new Color(150, 185, 110), 0.6f), leaf(60, 110));
            stroke(g, WHITE_SOFT, 3, new Line2D.Double(0, -44, 0, 44));
            g.setTransform(t);
            fill(g, WHITE_SOFT, rr(-44, 30, 88, 56, 10));
        });
        icons.put("teabox", (g, m, d, l) -> {
            fill(g, m, rr(-95, -70, 190, 180, 18));
            fill(g, d, rr(-95, -70, 190, 38, 14));
            fill(g, WHITE_SOFT, rr(-40, -10, 80, 96, 10));
            stroke(g, WHITE_SOFT, 3, new Line2D.Double(0, -10, 0, -120));
            fill(g, new Color(255, 255, 255, 230), rr(-16, -140, 32, 30, 6));
            fill(g, mix(m, new Color(120, 160, 90), 0.6f), leaf(36, 60));
        });
        Icon mug = (g, m, d, l) -> {
            stroke(g, d, 22, new Arc2D.Double(50, -40, 90, 100, -90, 180, Arc2D.OPEN));
            fill(g, m, rr(-90, -70, 160, 180, 40));
            fill(g, d, oval(-10, -70, 80, 14));
            fill(g, alpha(Color.WHITE, 70), rr(-70, -40, 18, 120, 9));
            stroke(g, alpha(m, 150), 6, new Arc2D.Double(-40, -160, 30, 60, 90, 180, Arc2D.OPEN));
            stroke(g, alpha(m, 150), 6, new Arc2D.Double(0, -170, 30, 70, -90, 180, Arc2D.OPEN));
        };
        icons.put("mug", mug);
        icons.put("phin", (g, m, d, l) -> {
            fill(g, mix(m, Color.WHITE, 0.55f), rr(-70, 40, 140, 80, 16));
            fill(g, new Color(190, 196, 204), rr(-110, 20, 220, 16, 8));
            GeneralPath cup = new GeneralPath();
            cup.moveTo(-70, -70);
            cup.lineTo(70, -70);
            cup.lineTo(58, 22);
            cup.lineTo(-58, 22);
            cup.closePath();
            fill(g, new Color(170, 178, 188), cup);
            fill(g, new Color(140, 148, 160), rr(-80, -96, 160, 30, 14));
            fill(g, new Color(120, 126, 138), rr(-14, -118, 28, 24, 8));
            fill(g, alpha(Color.WHITE, 90), rr(-52, -62, 12, 76, 6));
            fill(g, d, rr(-62, 62, 124, 50, 12));
        });
        icons.put("teapot", (g, m, d, l) -> {
            stroke(g, alpha(m, 190), 16, new Arc2D.Double(70, -40, 70, 90, -90, 180, Arc2D.OPEN));
            GeneralPath spout = new GeneralPath();
            spout.moveTo(-80, 10);
            spout.lineTo(-150, -50);
            spout.lineTo(-138, -60);
            spout.lineTo(-70, -20);
            spout.closePath();
            fill(g, alpha(m, 190), spout);
            fill(g, alpha(m, 120), oval(0, 20, 105, 95));
            fill(g, alpha(d, 160), oval(0, 50, 90, 55));
            fill(g, new Color(190, 196, 204), rr(-22, -100, 44, 90, 12));
            fill(g, d, rr(-60, -100, 120, 18, 9));
            fill(g, d, oval(0, -108, 14, 10));
            fill(g, alpha(Color.WHITE, 110), rr(-76, -20, 14, 70, 7));
        });
        icons.put("grinder", (g, m, d, l) -> {
            fill(g, d, rr(-70, -10, 140, 130, 18));
            fill(g, new Color(190, 196, 204), rr(-55, -70, 110, 66, 10));
            fill(g, m, rr(-80, -86, 160, 20, 10));
            stroke(g, new Color(90, 96, 108), 8, new Line2D.Double(0, -86, 0, -130));
            stroke(g, new Color(90, 96, 108), 8, new Line2D.Double(0, -130, 90, -130));
            fill(g, m, oval(96, -130, 16, 16));
            fill(g, WHITE_SOFT, rr(-40, 25, 80, 60, 10));
            fill(g, m, oval(0, 55, 12, 18));
        });
        icons.put("pan", (g, m, d, l) -> {
            fill(g, d, rr(70, -14, 120, 28, 14));
            fill(g, d, oval(-30, 0, 115, 115));
            fill(g, mix(d, Color.BLACK, 0.3f), oval(-30, 0, 95, 95));
            fill(g, alpha(Color.WHITE, 35), oval(-50, -20, 50, 45));
            fill(g, new Color(255, 214, 120), oval(-20, 10, 34, 30));
            fill(g, new Color(255, 250, 240), oval(-20, 10, 16, 14));
        });
        icons.put("board", (g, m, d, l) -> {
            Color wood = new Color(214, 168, 110);
            fill(g, wood, rr(-120, -80, 240, 170, 30));
            fill(g, mix(wood, Color.BLACK, 0.12f), oval(95, 5, 12, 12));
            stroke(g, mix(wood, Color.BLACK, 0.15f), 4, rr(-100, -62, 180, 134, 22));
            fill(g, m, leaf(40, 90));
            fill(g, mix(m, Color.WHITE, 0.4f), oval(-50, 20, 18, 18));
            fill(g, mix(m, Color.WHITE, 0.2f), oval(40, -30, 14, 14));
        });
        icons.put("knife", (g, m, d, l) -> {
            AffineTransform t = g.getTransform();
            g.rotate(-0.6);
            GeneralPath blade = new GeneralPath();
            blade.moveTo(-150, 0);
            blade.curveTo(-120, -40, -20, -38, 40, -36);
            blade.lineTo(40, 8);
            blade.lineTo(-140, 8);
            blade.closePath();
            fill(g, new Color(200, 206, 214), blade);
            fill(g, alpha(Color.WHITE, 120), rr(-110, -20, 130, 6, 3));
            fill(g, d, rr(40, -22, 120, 36, 14));
            fill(g, new Color(220, 224, 230), oval(75, -4, 5, 5));
            fill(g, new Color(220, 224, 230), oval(120, -4, 5, 5));
            g.setTransform(t);
        });
        Icon bottle = (g, m, d, l) -> {
            fill(g, m, rr(-65, -60, 130, 180, 30));
            fill(g, d, rr(-26, -100, 52, 44, 8));
            fill(g, d, rr(-34, -120, 68, 26, 8));
            fill(g, WHITE_SOFT, rr(-45, -5, 90, 80, 12));
            fill(g, mix(m, new Color(120, 160, 90), 0.5f), leaf(26, 50));
            fill(g, alpha(Color.WHITE, 70), rr(-52, -44, 12, 140, 6));
        };
        icons.put("bottle", bottle);
        icons.put("pump", (g, m, d, l) -> {
            fill(g, m, rr(-65, -50, 130, 170, 30));
            fill(g, d, rr(-18, -90, 36, 44, 6));
            fill(g, d, rr(-18, -108, 80, 20, 8));
            fill(g, d, rr(-30, -128, 30, 24, 6));
            fill(g, WHITE_SOFT, rr(-45, 0, 90, 80, 12));
            fill(g, new Color(230, 210, 70), leaf(24, 48));
            fill(g, alpha(Color.WHITE, 70), rr(-52, -34, 12, 130, 6));
            fill(g, alpha(Color.WHITE, 170), oval(-95, -40, 14, 14));
            fill(g, alpha(Color.WHITE, 170), oval(-110, -80, 9, 9));
            fill(g, alpha(Color.WHITE, 170), oval(90, -10, 11, 11));
        });
        icons.put("spray", (g, m, d, l) -> {
            fill(g, m, rr(-55, -40, 110, 160, 24));
            fill(g, d, rr(-22, -76, 44, 40, 6));
            GeneralPath head = new GeneralPath();
            head.moveTo(-30, -76);
            head.lineTo(50, -76);
            head.lineTo(50, -96);
            head.lineTo(-10, -120);
            head.lineTo(-30, -110);
            head.closePath();
            fill(g, d, head);
            for (int i = 0; i < 3; i++) {
                fill(g, alpha(m, 120), oval(80 + i * 22, -92 + (i - 1) * 16, 5, 5));
            }
            fill(g, WHITE_SOFT, rr(-38, 5, 76, 70, 10));
            fill(g, mix(m, new Color(120, 160, 90), 0.5f), leaf(24, 46));
        });
        icons.put("jar", (g, m, d, l) -> {
            for (int i = -1; i <= 1; i += 2) {
                double x = i * 62;
                fill(g, alpha(m, 70), rr(x - 52, -50, 104, 160, 22));
                fill(g, new Color(214, 168, 110), rr(x - 56, -74, 112, 28, 8));
                fill(g, alpha(d, 170), rr(x - 44, 20 + (i > 0 ? 20 : 0), 88, 80 - (i > 0 ? 20 : 0), 16));
                fill(g, alpha(Color.WHITE, 110), rr(x - 40, -36, 10, 90, 5));
            }
        });
        icons.put("wrap", (g, m, d, l) -> {
            fill(g, new Color(240, 196, 90), rr(-110, -90, 150, 150, 14));
            fill(g, m, rr(-40, -40, 150, 150, 14));
            for (int i = 0; i < 4; i++) {
                fill(g, alpha(Color.WHITE, 130), oval(-10 + (i % 2) * 60, -10 + (i / 2) * 60, 14, 14));
            }
            fill(g, mix(m, Color.WHITE, 0.5f), oval(-110 + 40, -90 + 40, 16, 16));
        });
        icons.put("spoon", (g, m, d, l) -> {
            Color wood = new Color(200, 150, 96);
            Color wood2 = mix(wood, Color.BLACK, 0.15f);
            AffineTransform t = g.getTransform();
            g.rotate(-0.25);
            fill(g, wood, oval(-50, -80, 30, 44));
            fill(g, wood, rr(-58, -40, 16, 170, 8));
            g.setTransform(t);
            fill(g, wood2, rr(-18, -130, 36, 70, 10));
            fill(g, wood2, rr(-8, -60, 16, 185, 8));
            g.rotate(0.25);
            fill(g, wood, rr(40, -124, 30, 70, 12));
            for (int i = 0; i < 3; i++) {
                fill(g, mix(wood, Color.WHITE, 0.4f), rr(44 + i * 9, -114, 4, 50, 2));
            }
            fill(g, wood, rr(48, -56, 14, 180, 7));
            g.setTransform(t);
        });
        icons.put("sponge", (g, m, d, l) -> {
            fill(g, new Color(240, 214, 120), rr(-100, -40, 200, 110, 26));
            fill(g, new Color(120, 160, 90), rr(-100, -60, 200, 40, 16));
            for (int i = 0; i < 7; i++) {
                fill(g, new Color(215, 185, 95), oval(-70 + i * 24, 10 + (i % 2) * 26, 7, 7));
            }
            fill(g, alpha(Color.WHITE, 190), oval(70, -100, 18, 18));
            fill(g, alpha(Color.WHITE, 170), oval(100, -74, 10, 10));
            fill(g, alpha(Color.WHITE, 170), oval(-90, -100, 12, 12));
        });
        icons.put("pot", (g, m, d, l) -> {
            Color steel = new Color(186, 192, 202);
            fill(g, mix(steel, Color.BLACK, 0.2f), rr(-150, -30, 60, 18, 9));
            fill(g, mix(steel, Color.BLACK, 0.2f), rr(90, -30, 60, 18, 9));
            fill(g, steel, rr(-100, -40, 200, 150, 26));
            fill(g, alpha(Color.WHITE, 90), rr(-84, -20, 14, 110, 7));
            fill(g, alpha(m, 140), oval(0, -56, 112, 20));
            fill(g, d, rr(-16, -92, 32, 22, 8));
            stroke(g, alpha(m, 140), 6, new Arc2D.Double(-30, -170, 28, 60, 90, 180, Arc2D.OPEN));
            stroke(g, alpha(m, 140), 6, new Arc2D.Double(10, -176, 28, 64, -90, 180, Arc2D.OPEN));
        });
        icons.put("bowl", (g, m, d, l) -> {
            for (int i = 0; i < 3; i++) {
                double x = (i - 1) * 92;
                double y = i == 1 ? -30 : 40;
                fill(g, i == 1 ? m : mix(m, Color.WHITE, 0.25f), new Arc2D.Double(x - 58, y - 50, 116, 100, 180, 180, Arc2D.CHORD));
                fill(g, mix(m, Color.WHITE, 0.7f), oval(x, y, 58, 10));
                fill(g, mix(new Color(120, 60, 30), m, 0.2f), oval(x, y + 2, 46, 6));
            }
        });
        icons.put("cushion", (g, m, d, l) -> {
            GeneralPath c = new GeneralPath();
            c.moveTo(-110, -100);
            c.quadTo(0, -80, 110, -100);
            c.quadTo(90, 0, 110, 100);
            c.quadTo(0, 80, -110, 100);
            c.quadTo(-90, 0, -110, -100);
            c.closePath();
            fill(g, m, c);
            stroke(g, alpha(Color.WHITE, 150), 4, new Line2D.Double(-70, -50, 70, -50));
            stroke(g, alpha(Color.WHITE, 150), 4, new Line2D.Double(-70, 0, 70, 0));
            stroke(g, alpha(Color.WHITE, 150), 4, new Line2D.Double(-70, 50, 70, 50));
            fill(g, d, oval(0, 0, 10, 10));
        });
        icons.put("bed", (g, m, d, l) -> {
            Color wood = new Color(200, 160, 112);
            fill(g, wood, rr(-140, -100, 28, 210, 10));
            fill(g, wood, rr(112, -30, 28, 140, 10));
            fill(g, mix(m, Color.WHITE, 0.75f), rr(-116, -10, 232, 80, 14));
            fill(g, Color.WHITE, rr(-104, -48, 80, 40, 18));
            fill(g, m, rr(-40, -28, 156, 90, 14));
            stroke(g, alpha(Color.WHITE, 140), 4, new Line2D.Double(-30, 0, 106, 0));
            fill(g, wood, rr(-140, 70, 280, 20, 8));
        });
        icons.put("blanket", (g, m, d, l) -> {
            fill(g, m, rr(-120, -80, 240, 150, 16));
            for (int i = 0; i < 5; i++) {
                fill(g, alpha(Color.WHITE, i % 2 == 0 ? 90 : 40), new Rectangle2D.Double(-120 + i * 48, -80, 24, 150));
            }
            fill(g, mix(m, Color.WHITE, 0.15f), rr(-120, 20, 240, 50, 14));
            for (int i = 0; i < 12; i++) {
                stroke(g, d, 4, new Line2D.Double(-110 + i * 20, 70, -110 + i * 20, 94));
            }
        });
        icons.put("candle", (g, m, d, l) -> {
            fill(g, mix(m, Color.WHITE, 0.35f), rr(-80, -40, 160, 160, 20));
            fill(g, alpha(Color.WHITE, 200), oval(0, -40, 80, 16));
            fill(g, WHITE_SOFT, rr(-50, 20, 100, 60, 10));
            fill(g, mix(m, new Color(120, 160, 90), 0.5f), leaf(22, 42));
            stroke(g, new Color(70, 60, 50), 5, new Line2D.Double(0, -44, 0, -70));
            GeneralPath flame = new GeneralPath();
            flame.moveTo(0, -140);
            flame.curveTo(30, -110, 24, -72, 0, -70);
            flame.curveTo(-24, -72, -30, -110, 0, -140);
            fill(g, new Color(255, 180, 60), flame);
            fill(g, new Color(255, 236, 160), oval(0, -88, 8, 14));
        });
        Icon lamp = (g, m, d, l) -> {
            GeneralPath shade = new GeneralPath();
            shade.moveTo(-60, -130);
            shade.lineTo(60, -130);
            shade.lineTo(100, -40);
            shade.lineTo(-100, -40);
            shade.closePath();
            fill(g, alpha(new Color(255, 220, 130), 90), new Arc2D.Double(-150, -110, 300, 160, 180, 180, Arc2D.CHORD));
            fill(g, new Color(246, 238, 222), shade);
            stroke(g, alpha(d, 60), 3, new Line2D.Double(-100, -40, 100, -40));
            fill(g, m, oval(0, 40, 60, 78));
            fill(g, alpha(Color.WHITE, 70), oval(-22, 25, 12, 40));
            fill(g, d, rr(-50, 108, 100, 14, 7));
            fill(g, d, rr(-6, -40, 12, 12, 4));
        };
        icons.put("lamp", lamp);
        icons.put("lantern", (g, m, d, l) -> {
            stroke(g, d, 8, new Arc2D.Double(-40, -150, 80, 70, 0, 180, Arc2D.OPEN));
            fill(g, d, rr(-70, -120, 140, 30, 12));
            fill(g, alpha(new Color(255, 210, 100), 230), rr(-56, -90, 112, 150, 14));
            fill(g, new Color(255, 244, 200), oval(0, -15, 30, 45));
            stroke(g, d, 6, new Line2D.Double(-56, -90, -56, 60));
            stroke(g, d, 6, new Line2D.Double(56, -90, 56, 60));
            fill(g, d, rr(-74, 60, 148, 40, 12));
        });
        icons.put("lights", (g, m, d, l) -> {
            GeneralPath wire = new GeneralPath();
            wire.moveTo(-160, -70);
            wire.quadTo(-80, 20, 0, -40);
            wire.quadTo(80, -100, 160, -10);
            stroke(g, d, 4, wire);
            GeneralPath wire2 = new GeneralPath();
            wire2.moveTo(-160, 30);
            wire2.quadTo(-80, 120, 0, 60);
            wire2.quadTo(80, 0, 160, 90);
            stroke(g, d, 4, wire2);
            double[][] pts = {{-120, -38}, {-60, -18}, {0, -40}, {60, -60}, {120, -38},
                    {-120, 62}, {-60, 82}, {0, 60}, {60, 40}, {120, 62}};
            for (double[] p : pts) {
                fill(g, alpha(new Color(255, 210, 90), 90), oval(p[0], p[1] + 14, 22, 22));
                fill(g, new Color(255, 214, 100), oval(p[0], p[1] + 14, 10, 13));
            }
        });
        icons.put("diffuser", (g, m, d, l) -> {
            Color stick = new Color(150, 110, 70);
            stroke(g, stick, 5, new Line2D.Double(-6, -30, -70, -150));
            stroke(g, stick, 5, new Line2D.Double(0, -30, 0, -160));
            stroke(g, stick, 5, new Line2D.Double(6, -30, 66, -150));
            stroke(g, stick, 5, new Line2D.Double(3, -30, 36, -160));
            fill(g, alpha(m, 160), rr(-70, -10, 140, 130, 30));
            fill(g, m, rr(-26, -40, 52, 36, 8));
            fill(g, WHITE_SOFT, rr(-44, 30, 88, 50, 10));
            fill(g, alpha(Color.WHITE, 90), rr(-56, 4, 10, 90, 5));
        });
        icons.put("basket", (g, m, d, l) -> {
            Color straw = new Color(214, 180, 120);
            Color straw2 = mix(straw, Color.BLACK, 0.15f);
            stroke(g, straw2, 12, new Arc2D.Double(-80, -140, 160, 150, 0, 180, Arc2D.OPEN));
            GeneralPath body = new GeneralPath();
            body.moveTo(-120, -60);
            body.lineTo(120, -60);
            body.lineTo(95, 110);
            body.lineTo(-95, 110);
            body.closePath();
            fill(g, straw, body);
            for (int i = 0; i < 5; i++) {
                stroke(g, straw2, 4, new Line2D.Double(-116 + i * 4.5, -30 + i * 32, 116 - i * 4.5, -30 + i * 32));
            }
            fill(g, m, rr(-128, -72, 256, 22, 10));
        });
        icons.put("plant", (g, m, d, l) -> {
            Color clay = new Color(200, 110, 80);
            AffineTransform t = g.getTransform();
            double[][] leaves = {{-0.7, 120}, {-0.25, 150}, {0.25, 140}, {0.75, 110}};
            for (double[] lv : leaves) {
                g.setTransform(t);
                g.translate(0, -20);
                g.rotate(lv[0]);
                g.translate(0, -lv[1] / 2);
                fill(g, lv[0] < 0 ? m : mix(m, Color.WHITE, 0.2f), leaf(54, lv[1]));
            }
            g.setTransform(t);
            GeneralPath pot = new GeneralPath();
            pot.moveTo(-80, -10);
            pot.lineTo(80, -10);
            pot.lineTo(62, 116);
            pot.lineTo(-62, 116);
            pot.closePath();
            fill(g, clay, pot);
            fill(g, mix(clay, Color.BLACK, 0.12f), rr(-90, -22, 180, 34, 8));
        });
        icons.put("clock", (g, m, d, l) -> {
            fill(g, new Color(196, 150, 100), oval(0, 0, 125, 125));
            fill(g, new Color(252, 250, 246), oval(0, 0, 106, 106));
            for (int i = 0; i < 12; i++) {
                double a = Math.PI * 2 * i / 12;
                double r1 = i % 3 == 0 ? 78 : 88;
                stroke(g, d, i % 3 == 0 ? 6 : 3, new Line2D.Double(Math.sin(a) * r1, -Math.cos(a) * r1, Math.sin(a) * 96, -Math.cos(a) * 96));
            }
            stroke(g, d, 8, new Line2D.Double(0, 0, 40, -40));
            stroke(g, d, 6, new Line2D.Double(0, 0, -10, -78));
            stroke(g, m, 3, new Line2D.Double(0, 20, 50, 60));
            fill(g, m, oval(0, 0, 9, 9));
        });
        icons.put("soap", (g, m, d, l) -> {
            fill(g, mix(m, Color.WHITE, 0.35f), rr(-110, -40, 220, 120, 46));
            fill(g, mix(m, Color.WHITE, 0.55f), rr(-96, -52, 192, 104, 40));
            fill(g, mix(m, Color.WHITE, 0.1f), leaf(30, 60));
            for (int i = 0; i < 4; i++) {
                double r = 14 + i * 5;
                Shape b = oval(-60 + i * 45, -100 - (i % 2) * 30, r, r);
                fill(g, alpha(Color.WHITE, 120), b);
                stroke(g, alpha(m, 140), 3, b);
            }
        });
        icons.put("tube", (g, m, d, l) -> {
            AffineTransform t = g.getTransform();
            g.rotate(-0.35);
            GeneralPath tube = new GeneralPath();
            tube.moveTo(-70, -120);
            tube.lineTo(70, -120);
            tube.lineTo(50, 80);
            tube.lineTo(-50, 80);
            tube.closePath();
            fill(g, mix(m, Color.WHITE, 0.55f), tube);
            fill(g, m, rr(-76, -132, 152, 18, 6));
            fill(g, d, rr(-34, 80, 68, 50, 10));
            fill(g, m, rr(-40, -60, 80, 70, 10));
            fill(g, WHITE_SOFT, leaf(22, 44));
            g.setTransform(t);
        });
        icons.put("pills", (g, m, d, l) -> {
            fill(g, m, rr(-75, -60, 150, 180, 22));
            fill(g, d, rr(-82, -100, 164, 48, 12));
            fill(g, WHITE_SOFT, rr(-55, -10, 110, 100, 12));
            fill(g, m, rr(-12, 5, 24, 70, 6));
            fill(g, m, rr(-35, 28, 70, 24, 6));
            AffineTransform t = g.getTransform();
            g.translate(120, 90);
            g.rotate(0.6);
            fill(g, new Color(255, 190, 80), rr(-32, -13, 64, 26, 26));
            fill(g, Color.WHITE, rr(0, -13, 32, 26, 26));
            g.setTransform(t);
            fill(g, new Color(255, 200, 90), oval(-120, 100, 16, 16));
        });
        icons.put("toothbrush", (g, m, d, l) -> {
            Color wood = new Color(206, 168, 118);
            for (int i = 0; i < 2; i++) {
                AffineTransform t = g.getTransform();
                g.translate(i == 0 ? -40 : 40, 0);
                g.rotate(i == 0 ? -0.2 : 0.2);
                fill(g, wood, rr(-14, -60, 28, 190, 14));
                fill(g, wood, rr(-16, -130, 32, 70, 14));
                fill(g, i == 0 ? new Color(60, 60, 64) : m, rr(-34, -126, 20, 60, 4));
                g.setTransform(t);
            }
        });
        icons.put("comb", (g, m, d, l) -> {
            Color wood = new Color(190, 140, 90);
            fill(g, wood, rr(-130, -70, 260, 50, 20));
            for (int i = 0; i < 12; i++) {
                fill(g, wood, rr(-122 + i * 21, -30, 12, 110, 6));
            }
            fill(g, alpha(Color.WHITE, 60), rr(-110, -60, 220, 10, 5));
        });
        icons.put("towel", (g, m, d, l) -> {
            fill(g, mix(m, Color.WHITE, 0.3f), rr(-110, 30, 220, 70, 16));
            fill(g, m, rr(-100, -30, 200, 66, 16));
            fill(g, mix(m, Color.WHITE, 0.55f), rr(-90, -86, 180, 62, 16));
            for (int y = -60; y <= 70; y += 62) {
                stroke(g, alpha(Color.WHITE, 150), 4, new Line2D.Double(-70, y, 70, y));
            }
        });
        icons.put("tent", (g, m, d, l) -> {
            GeneralPath tent = new GeneralPath();
            tent.moveTo(-150, 110);
            tent.quadTo(-60, -20, 0, -120);
            tent.quadTo(60, -20, 150, 110);
            tent.closePath();
            fill(g, m, tent);
            GeneralPath door = new GeneralPath();
            door.moveTo(-46, 110);
            door.quadTo(-14, 20, 0, -30);
            door.quadTo(14, 20, 46, 110);
            door.closePath();
            fill(g, d, door);
            stroke(g, alpha(Color.WHITE, 160), 4, new Line2D.Double(0, -120, 0, -30));
            fill(g, new Color(255, 214, 120), oval(110, -110, 22, 22));
        });
        icons.put("backpack", (g, m, d, l) -> {
            stroke(g, d, 12, new Arc2D.Double(-40, -150, 80, 60, 0, 180, Arc2D.OPEN));
            fill(g, m, rr(-90, -120, 180, 240, 50));
            fill(g, d, rr(-60, 20, 120, 80, 18));
            fill(g, mix(m, Color.WHITE, 0.25f), rr(-90, -120, 180, 80, 50));
            fill(g, alpha(Color.WHITE, 180), rr(-30, 34, 60, 8, 4));
            fill(g, d, rr(-8, -56, 16, 24, 4));
        });
        icons.put("flask", (g, m, d, l) -> {
            fill(g, m, rr(-55, -80, 110, 200, 34));
            fill(g, d, rr(-40, -124, 80, 50, 12));
            fill(g, alpha(Color.WHITE, 90), rr(-40, -60, 12, 150, 6));
            fill(g, alpha(Color.WHITE, 200), rr(-55, 0, 110, 16, 0));
        });
        icons.put("canister", (g, m, d, l) -> {
            fill(g, new Color(80, 86, 96), rr(-30, -118, 60, 40, 10));
            fill(g, m, rr(-85, -90, 170, 200, 60));
            fill(g, WHITE_SOFT, rr(-60, -10, 120, 56, 10));
            GeneralPath flame = new GeneralPath();
            flame.moveTo(0, -4);
            flame.curveTo(18, 12, 14, 38, 0, 40);
            flame.curveTo(-14, 38, -18, 12, 0, -4);
            fill(g, new Color(90, 140, 230), flame);
        });
        icons.put("stove", (g, m, d, l) -> {
            stroke(g, new Color(90, 96, 108), 8, new Line2D.Double(-90, -20, -120, 100));
            stroke(g, new Color(90, 96, 108), 8, new Line2D.Double(90, -20, 120, 100));
            fill(g, new Color(150, 156, 168), rr(-30, -20, 60, 130, 12));
            fill(g, m, rr(-110, -36, 220, 20, 10));
            for (int i = -2; i <= 2; i++) {
                GeneralPath f = new GeneralPath();
                f.moveTo(i * 28, -96);
                f.curveTo(i * 28 + 14, -74, i * 28 + 12, -44, i * 28, -42);
                f.curveTo(i * 28 - 12, -44, i * 28 - 14, -74, i * 28, -96);
                fill(g, new Color(90, 140, 230), f);
            }
        });
        icons.put("chair", (g, m, d, l) -> {
            Color frame = new Color(110, 116, 128);
            stroke(g, frame, 10, new Line2D.Double(-80, 120, 60, -30));
            stroke(g, frame, 10, new Line2D.Double(80, 120, -60, -30));
            fill(g, m, rr(-90, -130, 180, 110, 20));
            fill(g, d, rr(-96, -30, 192, 40, 16));
            fill(g, d, rr(100, -50, 36, 40, 8));
        });
        icons.put("poles", (g, m, d, l) -> {
            for (int i = 0; i < 2; i++) {
                AffineTransform t = g.getTransform();
                g.rotate(i == 0 ? -0.18 : 0.18);
                fill(g, new Color(160, 166, 178), rr(-5, -90, 10, 230, 5));
                fill(g, new Color(180, 140, 100), rr(-14, -150, 28, 70, 12));
                fill(g, m, rr(-10, -80, 20, 12, 4));
                fill(g, d, oval(0, 110, 24, 6));
                g.setTransform(t);
            }
        });
        icons.put("sleepingbag", (g, m, d, l) -> {
            fill(g, m, rr(-70, -130, 140, 250, 60));
            fill(g, mix(m, Color.WHITE, 0.6f), oval(0, -92, 40, 28));
            for (int y = -40; y <= 80; y += 40) {
                stroke(g, alpha(Color.WHITE, 110), 4, new Line2D.Double(-60, y, 60, y));
            }
            stroke(g, d, 5, new Line2D.Double(50, -90, 50, 100));
        });
        icons.put("notebook", (g, m, d, l) -> {
            fill(g, new Color(250, 248, 242), rr(-86, -120, 180, 240, 12));
            fill(g, m, rr(-96, -126, 180, 240, 12));
            fill(g, d, rr(-96, -126, 26, 240, 10));
            fill(g, alpha(Color.WHITE, 210), rr(-40, -70, 100, 30, 6));
            stroke(g, new Color(240, 200, 90), 8, new Line2D.Double(40, -126, 40, 140));
        });
        icons.put("paper", (g, m, d, l) -> {
            for (int i = 0; i < 6; i++) {
                fill(g, i % 2 == 0 ? new Color(252, 252, 250) : new Color(232, 234, 238), rr(-120, 30 - i * 10, 240, 14, 3));
            }
            fill(g, m, rr(-124, -40, 248, 90, 8));
            fill(g, WHITE_SOFT, rr(-60, -20, 120, 50, 8));
            fill(g, new Color(252, 252, 250), rr(-90, -130, 160, 100, 4));
            stroke(g, alpha(d, 70), 3, new Line2D.Double(-70, -110, 40, -110));
            stroke(g, alpha(d, 70), 3, new Line2D.Double(-70, -90, 20, -90));
        });
        Icon pencil = (g, m, d, l) -> {
            AffineTransform t = g.getTransform();
            g.rotate(0.7);
            fill(g, m, rr(-18, -110, 36, 190, 6));
            fill(g, new Color(190, 196, 204), rr(-18, -140, 36, 34, 6));
            GeneralPath tip = new GeneralPath();
            tip.moveTo(-18, 80);
            tip.lineTo(18, 80);
            tip.lineTo(0, 130);
            tip.closePath();
            fill(g, new Color(200, 204, 212), tip);
            fill(g, new Color(60, 60, 66), rr(-3, 118, 6, 16, 3));
            fill(g, alpha(Color.WHITE, 80), rr(-12, -100, 8, 170, 4));
            g.setTransform(t);
        };
        icons.put("pencil", pencil);
        icons.put("pens", (g, m, d, l) -> {
            Color[] colors = {m, new Color(230, 130, 110), new Color(110, 170, 140), new Color(240, 190, 90), d};
            for (int i = 0; i < colors.length; i++) {
                double x = (i - 2) * 44;
                fill(g, colors[i], rr(x - 14, -110, 28, 190, 12));
                fill(g, alpha(Color.WHITE, 200), rr(x - 14, -40, 28, 40, 0));
                fill(g, new Color(200, 204, 212), rr(x - 6, 80, 12, 30, 4));
            }
        });
        icons.put("fountainpen", (g, m, d, l) -> {
            AffineTransform t = g.getTransform();
            g.rotate(0.6);
            fill(g, new Color(196, 160, 80), rr(-20, -130, 40, 170, 18));
            fill(g, d, rr(-22, 36, 44, 40, 8));
            GeneralPath nib = new GeneralPath();
            nib.moveTo(-18, 76);
            nib.quadTo(-16, 110, 0, 140);
            nib.quadTo(16, 110, 18, 76);
            nib.closePath();
            fill(g, new Color(210, 214, 222), nib);
            stroke(g, d, 2, new Line2D.Double(0, 100, 0, 138));
            fill(g, new Color(240, 210, 130), rr(14, -120, 8, 90, 4));
            g.setTransform(t);
        });
        icons.put("ink", (g, m, d, l) -> {
            fill(g, alpha(m, 190), rr(-80, -40, 160, 150, 20));
            fill(g, d, rr(-80, 30, 160, 80, 20));
            fill(g, new Color(40, 44, 52), rr(-40, -100, 80, 64, 10));
            fill(g, WHITE_SOFT, rr(-50, -10, 100, 40, 8));
            GeneralPath drop = new GeneralPath();
            drop.moveTo(120, -120);
            drop.curveTo(150, -80, 140, -50, 120, -50);
            drop.curveTo(100, -50, 90, -80, 120, -120);
            fill(g, d, drop);
        });
        icons.put("notes", (g, m, d, l) -> {
            Color[] colors = {new Color(250, 214, 120), new Color(244, 170, 160), new Color(160, 210, 190), mix(m, Color.WHITE, 0.5f)};
            for (int i = 0; i < colors.length; i++) {
                AffineTransform t = g.getTransform();
                g.translate(-45 + (i % 2) * 90, -45 + (i / 2) * 90);
                g.rotate((i - 1.5) * 0.08);
                fill(g, colors[i], rr(-62, -62, 124, 124, 6));
                fill(g, alpha(Color.BLACK, 18), rr(-62, -62, 124, 18, 6));
                g.setTransform(t);
            }
        });
        icons.put("envelope", (g, m, d, l) -> {
            Color kraft = new Color(206, 164, 110);
            fill(g, kraft, rr(-140, -90, 280, 180, 12));
            GeneralPath flap = new GeneralPath();
            flap.moveTo(-140, -84);
            flap.lineTo(0, 20);
            flap.lineTo(140, -84);
            stroke(g, mix(kraft, Color.BLACK, 0.2f), 5, flap);
            fill(g, m, oval(0, 20, 22, 22));
            fill(g, alpha(Color.WHITE, 120), rr(-110, 50, 90, 8, 4));
        });
        icons.put("organizer", (g, m, d, l) -> {
            Color wood = new Color(210, 170, 115);
            fill(g, m, rr(-70, -130, 26, 100, 8));
            fill(g, new Color(240, 190, 90), rr(-36, -150, 22, 120, 8));
            fill(g, d, rr(-4, -110, 22, 80, 8));
            fill(g, wood, rr(-120, -50, 150, 160, 12));
            fill(g, mix(wood, Color.BLACK, 0.1f), rr(30, 0, 100, 110, 12));
            fill(g, new Color(50, 54, 62), rr(50, -70, 56, 84, 10));
            stroke(g, mix(wood, Color.BLACK, 0.18f), 4, new Line2D.Double(-120, 30, 30, 30));
        });
        icons.put("palette", (g, m, d, l) -> {
            fill(g, new Color(250, 250, 248), rr(-140, -90, 280, 180, 24));
            Color[] colors = {new Color(230, 90, 80), new Color(245, 175, 60), new Color(250, 220, 90), new Color(110, 180, 110),
                    new Color(80, 160, 210), m, new Color(150, 100, 180), new Color(120, 80, 60)};
            for (int i = 0; i < colors.length; i++) {
                double x = -102 + (i % 4) * 68;
                double y = -40 + (i / 4) * 80;
                fill(g, colors[i], rr(x - 26, y - 26, 52, 52, 12));
            }
            AffineTransform t = g.getTransform();
            g.translate(110, -110);
            g.rotate(0.7);
            fill(g, new Color(200, 160, 110), rr(-8, -60, 16, 100, 8));
            fill(g, d, oval(0, 50, 10, 20));
            g.setTransform(t);
        });
    }

    private static Color g2(Color c) {
        return c;
    }
}
