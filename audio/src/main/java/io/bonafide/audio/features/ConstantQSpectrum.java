package io.bonafide.audio.features;

import io.bonafide.audio.features.internal.FastLogarithm;
import io.bonafide.audio.features.internal.FramedFeatureStream;
import io.bonafide.audio.features.internal.Framer;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Constant-Q log power spectrum for replay cues (loudspeaker and room colouration is easiest to
 * see with fine resolution at low frequencies), computed with Brown and Puckette's FFT-domain
 * kernels: bin {@code k} sits at {@code f_k = minHz * 2^(k / binsPerOctave)} with quality
 * {@code Q = 1 / (2^(1 / binsPerOctave) - 1)}, its kernel a periodic-Hann-windowed complex
 * exponential of {@code ceil(Q * 16000 / f_k)} samples normalised to unit window sum, all kernels
 * centred in one {@code fftSize} frame, transformed once and stored sparsely (spectral values
 * below {@code 1e-3} of each kernel's peak dropped, about -60 dB). Per frame: one real FFT and a
 * sparse product per bin. Output {@code ln(max(|X_k|^2, 1e-10))}; a sine of amplitude {@code A} on
 * a bin centre gives {@code |X_k| = A / 2}. Defaults: 24 bins per octave, 62.5 Hz to 7.75 kHz
 * (168 bins, 7 octaves), FFT size 16384 (the next power of two above the 8737-sample lowest
 * kernel), hop 160; frame {@code i} is centred on sample {@code 160 i + 200} and there are as many
 * frames as standard STFT frames (zeros pad the window at both ends). Costs one 16384-point FFT
 * per frame, far more than the other features: compute it only for replay models. Immutable.
 */
public final class ConstantQSpectrum implements FeatureExtractor {
    public static final int DEFAULT_BINS_PER_OCTAVE = 24;
    public static final double DEFAULT_MIN_HZ = 62.5;
    public static final int DEFAULT_BINS = 168;
    public static final float FLOOR = 1e-10f;
    private static final double SPARSITY = 1e-3;

    private final int binsPerOctave;
    private final double minHz;
    private final int hopLength;
    private final int fftSize;
    private final double[] centres;
    private final int[] kernelStart;
    private final float[][] kernelRe;
    private final float[][] kernelIm;

    /**
     * @param binsPerOctave frequency resolution, 12 to 96
     * @param minHz centre of the lowest bin
     * @param bins number of bins; the highest must stay below 8 kHz with its bandwidth
     * @param hopLength samples between frames
     */
    public ConstantQSpectrum(int binsPerOctave, double minHz, int bins, int hopLength) {
        double q = 1 / (Math.pow(2, 1.0 / binsPerOctave) - 1);
        double topHz = minHz * Math.pow(2, (bins - 1.0) / binsPerOctave);
        if (binsPerOctave < 1 || bins < 1 || hopLength < 1 || !(minHz > 0)
                || topHz * (1 + 0.5 / q) >= Stft.SAMPLE_RATE / 2.0) {
            throw new IllegalArgumentException("need positive binsPerOctave, bins, hopLength and minHz, and the top bin"
                    + " (" + topHz + " Hz) with its bandwidth below 8 kHz; got binsPerOctave " + binsPerOctave
                    + ", minHz " + minHz + ", bins " + bins + ", hopLength " + hopLength);
        }
        this.binsPerOctave = binsPerOctave;
        this.minHz = minHz;
        this.hopLength = hopLength;
        int longest = (int) Math.ceil(q * Stft.SAMPLE_RATE / minHz);
        this.fftSize = Integer.highestOneBit(longest - 1) << 1;
        this.centres = new double[bins];
        this.kernelStart = new int[bins];
        this.kernelRe = new float[bins][];
        this.kernelIm = new float[bins][];
        DoubleFFT_1D fft = new DoubleFFT_1D(fftSize);
        double[] kernel = new double[2 * fftSize];
        for (int k = 0; k < bins; k++) {
            double f = minHz * Math.pow(2, (double) k / binsPerOctave);
            centres[k] = f;
            buildKernel(fft, kernel, f, (int) Math.ceil(q * Stft.SAMPLE_RATE / f), k);
        }
    }

    private void buildKernel(DoubleFFT_1D fft, double[] kernel, double frequency, int length, int bin) {
        java.util.Arrays.fill(kernel, 0);
        double windowSum = 0;
        for (int n = 0; n < length; n++) {
            windowSum += 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length);
        }
        int start = fftSize / 2 - length / 2;
        for (int n = 0; n < length; n++) {
            double w = (0.5 - 0.5 * Math.cos(2 * Math.PI * n / length)) / windowSum;
            double phase = 2 * Math.PI * frequency * (n - length / 2) / Stft.SAMPLE_RATE;
            kernel[2 * (start + n)] = w * Math.cos(phase);
            kernel[2 * (start + n) + 1] = w * Math.sin(phase);
        }
        fft.complexForward(kernel);
        int half = fftSize / 2;
        double peak = 0;
        for (int j = 0; j <= half; j++) {
            peak = Math.max(peak, Math.hypot(kernel[2 * j], kernel[2 * j + 1]));
        }
        int first = -1;
        int last = -1;
        for (int j = 0; j <= half; j++) {
            if (Math.hypot(kernel[2 * j], kernel[2 * j + 1]) >= SPARSITY * peak) {
                if (first < 0) {
                    first = j;
                }
                last = j;
            }
        }
        kernelStart[bin] = first;
        kernelRe[bin] = new float[last - first + 1];
        kernelIm[bin] = new float[last - first + 1];
        // Parseval: sum_n x[n] conj(t[n]) = (1/N) sum_j X[j] conj(T[j]); the 1/N is folded in here.
        for (int j = first; j <= last; j++) {
            kernelRe[bin][j - first] = (float) (kernel[2 * j] / fftSize);
            kernelIm[bin][j - first] = (float) (kernel[2 * j + 1] / fftSize);
        }
    }

    /** 24 bins per octave from 62.5 Hz, 168 bins, hop 160. */
    public static ConstantQSpectrum standard() {
        return Standard.INSTANCE;
    }

    public int binsPerOctave() {
        return binsPerOctave;
    }

    public double minHz() {
        return minHz;
    }

    public int fftSize() {
        return fftSize;
    }

    /** Centre frequency of each bin, in Hz. */
    public double[] centreFrequencies() {
        return centres.clone();
    }

    @Override
    public int dimension() {
        return centres.length;
    }

    @Override
    public FeatureStream stream(FeatureSink sink) {
        Framer framer = new Framer(fftSize, hopLength, fftSize / 2 - Stft.FRAME_LENGTH / 2, Stft.FRAME_LENGTH);
        FloatFFT_1D fft = new FloatFFT_1D(fftSize);
        float[] spectrum = new float[fftSize];
        int half = fftSize / 2;
        float[] re = new float[half + 1];
        float[] im = new float[half + 1];
        return new FramedFeatureStream(framer, dimension(), (frame, offset, out) -> {
            System.arraycopy(frame, offset, spectrum, 0, fftSize);
            fft.realForward(spectrum);
            re[0] = spectrum[0];
            im[0] = 0;
            re[half] = spectrum[1];
            im[half] = 0;
            for (int j = 1; j < half; j++) {
                re[j] = spectrum[2 * j];
                im[j] = spectrum[2 * j + 1];
            }
            for (int k = 0; k < centres.length; k++) {
                float[] kr = kernelRe[k];
                float[] ki = kernelIm[k];
                int s = kernelStart[k];
                float sumRe = 0;
                float sumIm = 0;
                for (int j = 0; j < kr.length; j++) {
                    float xr = re[s + j];
                    float xi = im[s + j];
                    sumRe += xr * kr[j] + xi * ki[j];
                    sumIm += xi * kr[j] - xr * ki[j];
                }
                out[k] = FastLogarithm.ln(Math.max(sumRe * sumRe + sumIm * sumIm, FLOOR));
            }
        }, sink);
    }

    /** Built on first use: the kernels take a fraction of a second. */
    private static final class Standard {
        static final ConstantQSpectrum INSTANCE =
                new ConstantQSpectrum(DEFAULT_BINS_PER_OCTAVE, DEFAULT_MIN_HZ, DEFAULT_BINS, Stft.HOP_LENGTH);
    }
}
