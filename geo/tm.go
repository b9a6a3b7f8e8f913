package geo

import "math"

// GRS80 ellipsoid, the ellipsoid of CGCS2000.
const (
	// GRS80SemiMajor is the semi-major axis a of GRS80 in metres.
	GRS80SemiMajor = 6378137.0
	// GRS80InvFlattening is the inverse flattening 1/f of GRS80.
	GRS80InvFlattening = 298.257222101
)

// Derived ellipsoid constants, evaluated exactly by the compiler.
const (
	flattening = 1 / GRS80InvFlattening
	ecc2       = flattening * (2 - flattening) // first eccentricity squared
	ecc2m      = 1 - ecc2                      // 1 - e²
	thirdFlat  = flattening / (2 - flattening) // n, the third flattening

	n1 = thirdFlat
	n2 = n1 * n1
	n3 = n2 * n1
	n4 = n3 * n1
	n5 = n4 * n1
	n6 = n5 * n1

	// rectifyingRadius is A, the radius of the sphere with the ellipsoid's
	// meridian length (Karney 2011, eq. 14).
	rectifyingRadius = GRS80SemiMajor / (1 + n1) * (1 + n2/4 + n4/64 + n6/256)
)

// ecc is the first eccentricity e of GRS80.
var ecc = math.Sqrt(ecc2)

// krugerAlpha holds α₁…α₆ of the forward series (Karney 2011, eq. 35).
var krugerAlpha = [6]float64{
	n1/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
	13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
	61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
	49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
	34729*n5/80640 - 3418889*n6/1995840,
	212378941 * n6 / 319334400,
}

// krugerBeta holds β₁…β₆ of the inverse series (Karney 2011, eq. 36).
var krugerBeta = [6]float64{
	n1/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
	n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
	17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
	4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
	4583*n5/161280 - 108847*n6/3991680,
	20648693 * n6 / 638668800,
}

// tmForward maps geodetic latitude phi and longitude lam from the central
// meridian (radians) to transverse Mercator x (east) and y (north) in
// metres with scale 1 on the central meridian and no false origin.
func tmForward(phi, lam float64) (x, y float64) {
	tauP := conformalTau(math.Tan(phi))
	sinLam, cosLam := math.Sincos(lam)
	xiP := math.Atan2(tauP, cosLam)
	etaP := math.Asinh(sinLam / math.Hypot(tauP, cosLam))
	xi, eta := krugerSum(xiP, etaP, &krugerAlpha, 1)
	return rectifyingRadius * eta, rectifyingRadius * xi
}

// tmInverse is the inverse of tmForward: it returns latitude phi and
// longitude lam from the central meridian, in radians.
func tmInverse(x, y float64) (phi, lam float64) {
	xiP, etaP := krugerSum(y/rectifyingRadius, x/rectifyingRadius, &krugerBeta, -1)
	sinXi, cosXi := math.Sincos(xiP)
	sinhEta := math.Sinh(etaP)
	tauP := sinXi / math.Hypot(sinhEta, cosXi)
	return math.Atan(geodeticTau(tauP)), math.Atan2(sinhEta, cosXi)
}

// krugerSum returns xi + sign·Σ c_j sin(2j xi) cosh(2j eta) and
// eta + sign·Σ c_j cos(2j xi) sinh(2j eta), j = 1…6: the real and imaginary
// parts of ζ + sign·Σ c_j sin(2jζ) with ζ = xi + i·eta. The multiple angles
// come from the addition theorems, so only one sin/cos and one exp are
// evaluated.
func krugerSum(xi, eta float64, c *[6]float64, sign float64) (float64, float64) {
	s1, c1 := math.Sincos(2 * xi)
	e := math.Exp(2 * eta)
	sh1, ch1 := (e-1/e)/2, (e+1/e)/2
	s, co, sh, ch := s1, c1, sh1, ch1
	var sumXi, sumEta float64
	for j := range c {
		sumXi += c[j] * s * ch
		sumEta += c[j] * co * sh
		s, co = s*c1+co*s1, co*c1-s*s1
		sh, ch = sh*ch1+ch*sh1, ch*ch1+sh*sh1
	}
	return xi + sign*sumXi, eta + sign*sumEta
}

// conformalTau returns tan χ for tau = tan φ, χ being the conformal
// latitude (Karney 2011, eqs. 7–9).
func conformalTau(tau float64) float64 {
	sec := hypot1(tau)
	sig := math.Sinh(ecc * math.Atanh(ecc*tau/sec))
	return tau*hypot1(sig) - sig*sec
}

// hypot1 returns math.Hypot(1, t), bit for bit: math.Hypot computes
// max·√(1 + (min/max)²), which for |t| ≤ 1 (max 1, so the division and
// the multiplication are exact) is √(1 + t²); only larger or non-finite t
// need the call. Latitudes below 45° (tan φ < 1) take the short way.
func hypot1(t float64) float64 {
	if math.Abs(t) <= 1 {
		return math.Sqrt(1 + t*t)
	}
	return math.Hypot(1, t)
}

// geodeticTau inverts conformalTau by Newton's method (Karney 2011,
// eqs. 19–21); two or three steps reach full double precision.
func geodeticTau(tauP float64) float64 {
	tau := tauP / ecc2m
	for range 8 {
		tauPi := conformalTau(tau)
		d := (tauP - tauPi) * (1 + ecc2m*tau*tau) /
			(ecc2m * hypot1(tauPi) * hypot1(tau))
		tau += d
		if !(math.Abs(d) > 1e-15*math.Max(1, math.Abs(tau))) {
			break
		}
	}
	return tau
}
