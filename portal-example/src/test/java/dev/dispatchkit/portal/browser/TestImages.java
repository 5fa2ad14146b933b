package dev.dispatchkit.portal.browser;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Photos for the note form, generated so that the suite needs no binary fixture. */
final class TestImages {

  private static final Path DIR = Path.of("target", "browser-uploads");

  private TestImages() {}

  /** A small PNG (a few hundred bytes): a coloured block with a stripe. */
  static Path photo(String name, Color color) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 64, 48);
    g.setColor(Color.WHITE);
    g.fillRect(0, 20, 64, 8);
    g.dispose();
    return write(name, image);
  }

  /**
   * A PNG of noise, which does not compress: about {@code 4 * side * side} bytes on disk (side 400
   * gives some 600 KB).
   */
  static Path noise(String name, int side) {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    Random random = new Random(11);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return write(name, image);
  }

  private static Path write(String name, BufferedImage image) {
    try {
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name);
      ImageIO.write(image, "png", file.toFile());
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
