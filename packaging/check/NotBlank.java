import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * java NotBlank.java FILE.png: exit 0 when the picture shows something, 1 when it is blank or
 * unreadable. "Something" is what a drawn window has and an empty or failed one lacks: many
 * colours (text is drawn anti-aliased, in shades) and no colour covering almost all of it.
 */
public class NotBlank {
    static final int MIN_COLOURS = 64;
    static final double MAX_SHARE_OF_ONE_COLOUR = 0.95;

    public static void main(String[] args) throws Exception {
        BufferedImage image = ImageIO.read(new File(args[0]));
        if (image == null) {
            System.out.println(args[0] + ": not a picture ImageIO can read");
            System.exit(1);
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int most = counts.values().stream().max(Integer::compare).orElse(0);
        double share = (double) most / ((long) image.getWidth() * image.getHeight());
        System.out.printf("%s: %dx%d, %d colours, the commonest on %.1f %% of it%n", args[0],
                image.getWidth(), image.getHeight(), counts.size(), share * 100);
        System.exit(counts.size() >= MIN_COLOURS && share <= MAX_SHARE_OF_ONE_COLOUR ? 0 : 1);
    }
}
