package dev.tsforge.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Decoding and measuring chart images in tests. */
final class ChartImages {

    private ChartImages() {
    }

    static BufferedImage png(byte[] bytes) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("decodes as an image").isNotNull();
        return image;
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    /** Share of pixels that are not the white background. */
    static double inkShare(BufferedImage image) {
        return (double) count(image, new Color(255, 255, 255), -1) / (image.getWidth() * image.getHeight());
    }

    /**
     * Pixels within {@code tolerance} (per channel) of {@code colour}; a negative tolerance counts the pixels that
     * are not exactly that colour.
     */
    static int count(BufferedImage image, Color colour, int tolerance) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                boolean exact = c.getRGB() == colour.getRGB();
                if (tolerance < 0 ? !exact : Math.abs(c.getRed() - colour.getRed()) <= tolerance
                        && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
                        && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The SVG's root element, after checking the document parses as XML. */
    static Element svg(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // JFreeSVG writes the SVG 1.1 DOCTYPE; parse it without fetching the DTD from w3.org
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        return root;
    }

    /** A length attribute in user units ({@code 800} or {@code 800.0}). */
    static double length(Element svg, String attribute) {
        return Double.parseDouble(svg.getAttribute(attribute));
    }

    static int elements(Element root, String name) {
        return root.getElementsByTagNameNS("*", name).getLength();
    }
}
