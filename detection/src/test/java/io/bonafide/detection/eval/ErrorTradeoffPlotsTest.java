package io.bonafide.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorTradeoffPlotsTest {

    private static LabelledScores scores;

    @BeforeAll
    static void scores() {
        Random random = new Random(5);
        scores = LabelledScores.of(EqualErrorRateTest.gaussian(random, 3_000, 2.0),
                EqualErrorRateTest.gaussian(random, 3_000, 0.0));
    }

    @Test
    void shouldWriteADetCurveThatImageIoDecodesAtTheDefaultSize(@TempDir Path dir) throws Exception {
        // Given
        Path png = dir.resolve("det.png");

        // When
        ErrorTradeoffPlots.writeDet(scores, png, "DET: synthetic");

        // Then
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ErrorTradeoffPlots.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ErrorTradeoffPlots.HEIGHT);
        assertThat(distinctColours(image)).isGreaterThan(3);
    }

    @Test
    void shouldWriteARocCurveThatImageIoDecodesAtTheDefaultSize(@TempDir Path dir) throws Exception {
        // Given a target in a folder that does not exist yet
        Path png = dir.resolve("plots/roc.png");

        // When
        ErrorTradeoffPlots.writeRoc(scores, png, "ROC: synthetic");

        // Then
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(ErrorTradeoffPlots.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ErrorTradeoffPlots.HEIGHT);
    }

    @Test
    void shouldWriteTheSameBytesForTheSameScores(@TempDir Path dir) throws Exception {
        // Given
        Path first = dir.resolve("a.png");
        Path second = dir.resolve("b.png");

        // When
        ErrorTradeoffPlots.writeDet(scores, first, "DET");
        ErrorTradeoffPlots.writeDet(scores, second, "DET");

        // Then
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void shouldDrawPerfectlySeparatedScoresWhoseRatesFallOffTheProbitAxes(@TempDir Path dir) throws Exception {
        // Given rates of exactly 0 and 1, which have no probit
        LabelledScores separated = LabelledScores.of(new double[] {1, 2}, new double[] {-1, -2});

        // When
        ErrorTradeoffPlots.writeDet(separated, dir.resolve("det.png"), "separated");

        // Then they are clamped to the axes rather than failing
        assertThat(ImageIO.read(dir.resolve("det.png").toFile())).isNotNull();
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
