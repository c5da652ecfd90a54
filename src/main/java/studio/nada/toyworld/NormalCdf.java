package studio.nada.toyworld;

/** Φ, the standard normal CDF (Abramowitz–Stegun 7.1.26 erf, absolute error below 1.5e-7). */
final class NormalCdf {
    private NormalCdf() {}

    static double phi(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
