<?xml version='1.0' encoding="UTF-8" ?>
<wfs:FeatureCollection
   xmlns:ms="http://mapserver.gis.umn.edu/mapserver"
   xmlns:gml="http://www.opengis.net/gml/3.2"
   xmlns:wfs="http://www.opengis.net/wfs/2.0"
   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
   timeStamp="2025-11-18T12:00:00" numberMatched="16" numberReturned="16">
  <wfs:member>
    <ms:A01_Granice_wojewodztw gml:id="A01_Granice_wojewodztw.18000001">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>415025.04 182815.80</gml:lowerCorner>
          <gml:upperCorner>538214.05 303914.88</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A01_Granice_wojewodztw.18000001.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">415025.04 275381.65 415157.37 271788.78 415722.24 269459.42 417250.37 266205.03 417869.18 265171.62 424395.51 256407.74 424972.92 255740.92 479240.69 201672.19 479653.95 201297.09 497953.44 186178.18 498837.14 185572.18 501628.80 184004.46 503646.12 183307.03 506809.94 182815.80 508943.77 182868.72 512079.36 183516.15 513105.20 183825.66 528889.33 190174.78 529909.26 190703.61 532789.82 192567.14 534438.20 194152.74 536412.12 196958.81 537347.38 199046.05 538127.81 202386.90 538214.05 204672.47 537687.60 208062.64 537403.42 209175.81 531805.82 224711.23 531343.66 225700.71 529699.60 228518.92 528999.81 229483.60 467027.31 299144.64 466035.38 300036.54 463173.08 302084.09 461034.82 303049.70 457606.15 303843.07 455261.07 303914.88 451790.29 303332.76 450652.51 303024.51 428739.19 294702.25 427870.97 294290.18 425381.71 292853.99 423896.35 291643.86 421986.71 289496.22 421407.68 288729.20 417242.72 282180.37 416701.60 281104.24 415417.02 277746.25 415025.04 275381.65</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>WOJ</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>766111</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>08</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>lubuskie</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18000001</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>53523c15-7e4d-5b20-aa0e-6fc7b5592b3b</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>08</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18000001</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>360458.9314</ms:Shape_Leng>
      <ms:Shape_Area>7661105385.5935</ms:Shape_Area>
      <ms:RODZAJ>województwo</ms:RODZAJ>
    </ms:A01_Granice_wojewodztw>
  </wfs:member>
  <wfs:member>
    <ms:A02_Granice_powiatow gml:id="A02_Granice_powiatow.18040001">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>421020.98 256368.20</gml:lowerCorner>
          <gml:upperCorner>464972.87 297997.53</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A02_Granice_powiatow.18040001.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">421020.98 275602.49 421153.31 272009.62 422681.43 268755.23 429207.76 259991.35 432315.68 257360.25 436265.08 256368.20 440247.45 257218.29 446787.88 260285.50 448759.82 261546.43 454658.70 266508.10 457054.98 269663.16 464167.64 285269.27 464972.87 288695.17 464402.77 292167.95 462544.50 295156.61 459682.20 297204.16 456253.53 297997.53 452782.75 297415.41 430869.42 289093.14 428380.16 287656.95 426470.52 285509.31 422305.56 278960.48 421020.98 275602.49</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>POW</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>120847</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>powiat nowosolski</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040001</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>3b9f3b5f-043c-57f8-a966-c1d4486969ac</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040001</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>130379.0075</ms:Shape_Leng>
      <ms:Shape_Area>1208472706.9605</ms:Shape_Area>
      <ms:RODZAJ>powiat</ms:RODZAJ>
    </ms:A02_Granice_powiatow>
  </wfs:member>
  <wfs:member>
    <ms:A02_Granice_powiatow gml:id="A02_Granice_powiatow.18050002">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>480297.20 188744.77</gml:lowerCorner>
          <gml:upperCorner>532285.11 228549.01</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A02_Granice_powiatow.18050002.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">484105.07 220274.49 481771.31 217930.14 480442.16 214900.98 480297.20 211596.22 481356.00 208462.31 483475.53 205922.62 501775.02 190803.71 504566.68 189235.99 507730.49 188744.77 510866.08 189392.20 526650.20 195741.32 529530.76 197604.85 531504.68 200410.92 532285.11 203751.77 531758.66 207141.94 526161.06 222677.35 524517.01 225495.56 521976.24 227542.45 518872.68 228549.01 515614.21 228382.95 487128.19 221617.33 484105.07 220274.49</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>POW</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>144520</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0805</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>powiat słubicki</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18050002</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>ffbd9b8e-2646-5b44-8559-3a15f16890c0</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0805</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18050002</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>142768.7219</ms:Shape_Leng>
      <ms:Shape_Area>1445201303.8536</ms:Shape_Area>
      <ms:RODZAJ>powiat</ms:RODZAJ>
    </ms:A02_Granice_powiatow>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18040111">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>439852.30 271079.29</gml:lowerCorner>
          <gml:upperCorner>445152.30 276379.29</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18040111.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">441177.30 276024.26 440628.47 275603.12 440207.33 275054.29 439942.60 274415.16 439852.30 273729.29 439942.60 273043.42 440207.33 272404.29 440628.47 271855.46 441177.30 271434.32 441816.43 271169.59 442502.30 271079.29 443188.17 271169.59 443827.30 271434.32 444376.13 271855.46 444797.27 272404.29 445062.00 273043.42 445152.30 273729.29 445062.00 274415.16 444797.27 275054.29 444376.13 275603.12 443827.30 276024.26 443188.17 276288.99 442502.30 276379.29 441816.43 276288.99 441177.30 276024.26</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>2181</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804011</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Nowa Sól</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040111</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>c39110ed-d94b-5ef6-ae67-52059f6019e4</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804011</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040111</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>16602.9249</ms:Shape_Leng>
      <ms:Shape_Area>21810663.2448</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18040232">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>424388.04 275776.09</gml:lowerCorner>
          <gml:upperCorner>440635.05 292801.94</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18040232.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">430869.42 289093.14 428380.16 287656.95 426470.52 285509.31 424388.04 282234.89 434543.61 275776.09 440635.05 292801.94 430869.42 289093.14</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>13237</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804023</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Bytom Odrzański</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040232</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>97140c1a-1de9-5243-be3b-145c6487a2b1</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804023</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040232</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>50192.6041</ms:Shape_Leng>
      <ms:Shape_Area>132365807.1372</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18040323">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>442014.29 277466.21</gml:lowerCorner>
          <gml:upperCorner>464972.87 297997.53</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18040323.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">464167.64 285269.27 464972.87 288695.17 464402.77 292167.95 462544.50 295156.61 459682.20 297204.16 456253.53 297997.53 452782.75 297415.41 442014.29 293325.75 447334.89 283517.10 460611.31 277466.21 464167.64 285269.27</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>30315</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804032</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Kolsko</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040323</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>9640dfd0-b6f3-5eff-ac37-c55de97ba552</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804032</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040323</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>66958.8183</ms:Shape_Leng>
      <ms:Shape_Area>303147700.5418</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18040434">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>425944.59 256368.20</gml:lowerCorner>
          <gml:upperCorner>443517.67 272376.21</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18040434.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">425944.59 264373.29 429207.76 259991.35 432315.68 257360.25 436265.08 256368.20 440247.45 257218.29 443517.67 258751.90 437153.31 272323.08 436691.32 272376.21 425944.59 264373.29</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>15969</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804043</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Kożuchów</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040434</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>0a53e47c-47a1-524d-9781-c6b2cd06f01c</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804043</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040434</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>50145.361</ms:Shape_Leng>
      <ms:Shape_Area>159687493.2505</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18040525">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>437153.31 258751.90</gml:lowerCorner>
          <gml:upperCorner>451709.26 273564.79</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18040525.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">443517.67 258751.90 446787.88 260285.50 448759.82 261546.43 451709.26 264027.27 444733.29 272320.92 444376.13 271855.46 443827.30 271434.32 443188.17 271169.59 442502.30 271079.29 441816.43 271169.59 441177.30 271434.32 440628.47 271855.46 440207.33 272404.29 439942.60 273043.42 439873.96 273564.79 437153.31 272323.08 443517.67 258751.90</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>10474</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804052</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Nowa Sól</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040525</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>fbc73137-a926-58bf-bd3a-b8a0a66ecc59</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804052</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040525</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>45270.896</ms:Shape_Leng>
      <ms:Shape_Area>104739835.266</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18040636">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>421020.98 264373.29</gml:lowerCorner>
          <gml:upperCorner>436691.32 282234.89</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18040636.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">424388.04 282234.89 422305.56 278960.48 421020.98 275602.49 421153.31 272009.62 422681.43 268755.23 425944.59 264373.29 436691.32 272376.21 434543.61 275776.09 424388.04 282234.89</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>15922</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804063</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Nowe Miasteczko</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040636</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>6df6980e-79fc-5105-96d6-9a5148d651cf</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804063</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040636</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>49585.9957</ms:Shape_Leng>
      <ms:Shape_Area>159222834.9777</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18040737">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>443380.04 264027.27</gml:lowerCorner>
          <gml:upperCorner>460611.31 283517.10</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18040737.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">443827.30 276024.26 444376.13 275603.12 444797.27 275054.29 445062.00 274415.16 445152.30 273729.29 445062.00 273043.42 444797.27 272404.29 444733.29 272320.92 451709.26 264027.27 454658.70 266508.10 457054.98 269663.16 460611.31 277466.21 447334.89 283517.10 443380.04 276209.52 443827.30 276024.26</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>18829</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804073</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Otyń</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040737</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>8241bb97-5ba8-53df-80d4-75a2ebcec408</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804073</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040737</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>54867.9272</ms:Shape_Leng>
      <ms:Shape_Area>188291027.0866</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18040828">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>434543.61 272323.08</gml:lowerCorner>
          <gml:upperCorner>447334.89 293325.75</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18040828.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">439852.30 273729.29 439942.60 274415.16 440207.33 275054.29 440628.47 275603.12 441177.30 276024.26 441816.43 276288.99 442502.30 276379.29 443188.17 276288.99 443380.04 276209.52 447334.89 283517.10 442014.29 293325.75 440635.05 292801.94 434543.61 275776.09 436691.32 272376.21 437153.31 272323.08 439873.96 273564.79 439852.30 273729.29</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>13921</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0804082</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Siedlisko</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18040828</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>266bd499-f9ed-5205-a5f9-a0ebcf1f111c</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0804082</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18040828</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>51719.1863</ms:Shape_Leng>
      <ms:Shape_Area>139207329.4597</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18050139">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>480297.20 198363.16</gml:lowerCorner>
          <gml:upperCorner>499297.65 223672.97</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18050139.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">487128.19 221617.33 484105.07 220274.49 481771.31 217930.14 480442.16 214900.98 480297.20 211596.22 481356.00 208462.31 483475.53 205922.62 492625.28 198363.16 499297.65 206439.21 495783.27 223672.97 487128.19 221617.33</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>31906</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0805013</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Cybinka</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18050139</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>cd59c360-b8cf-5413-b789-887c1fe9cb4b</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0805013</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18050139</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>68676.3306</ms:Shape_Leng>
      <ms:Shape_Area>319057749.5004</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18050230">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>512757.79 192566.76</gml:lowerCorner>
          <gml:upperCorner>532285.11 214909.64</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18050230.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">518758.14 192566.76 526650.20 195741.32 529530.76 197604.85 531504.68 200410.92 532285.11 203751.77 531758.66 207141.94 528959.86 214909.64 514269.31 209616.46 512757.79 207483.82 518758.14 192566.76</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>28270</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0805022</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Górzyca</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18050230</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>e70e59d1-464c-545b-8dd7-7853ea4c9d90</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0805022</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18050230</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>64794.0201</ms:Shape_Leng>
      <ms:Shape_Area>282703442.718</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18050341">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>509325.73 209616.46</gml:lowerCorner>
          <gml:upperCorner>528959.86 228549.01</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18050341.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">526161.06 222677.35 524517.01 225495.56 521976.24 227542.45 518872.68 228549.01 515614.21 228382.95 509325.73 226889.39 514269.31 209616.46 528959.86 214909.64 526161.06 222677.35</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>24278</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0805033</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Ośno Lubuskie</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18050341</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>fec6777e-308c-540a-b2bf-b847caee051a</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0805033</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18050341</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>61352.2752</ms:Shape_Leng>
      <ms:Shape_Area>242778168.3046</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18050442">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>495783.27 206439.21</gml:lowerCorner>
          <gml:upperCorner>514269.31 226889.39</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18050442.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">514269.31 209616.46 509325.73 226889.39 495783.27 223672.97 499297.65 206439.21 512757.79 207483.82 514269.31 209616.46</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>27306</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0805043</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Rzepin</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18050442</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>ddc461db-0121-577c-89dd-b574911dec05</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0805043</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18050442</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>65588.6529</ms:Shape_Leng>
      <ms:Shape_Area>273064668.1752</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
  <wfs:member>
    <ms:A03_Granice_gmin gml:id="A03_Granice_gmin.18050543">
      <gml:boundedBy>
        <gml:Envelope srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:lowerCorner>492625.28 188744.77</gml:lowerCorner>
          <gml:upperCorner>518758.14 207483.82</gml:upperCorner>
        </gml:Envelope>
      </gml:boundedBy>
      <ms:msGeometry>
        <gml:Polygon gml:id="A03_Granice_gmin.18050543.1" srsName="urn:ogc:def:crs:EPSG::2180">
          <gml:exterior><gml:LinearRing><gml:posList srsDimension="2">492625.28 198363.16 501775.02 190803.71 504566.68 189235.99 507730.49 188744.77 510866.08 189392.20 518758.14 192566.76 512757.79 207483.82 499297.65 206439.21 492625.28 198363.16</gml:posList></gml:LinearRing></gml:exterior>
        </gml:Polygon>
      </ms:msGeometry>
      <ms:JPT_SJR_KO>GMI</ms:JPT_SJR_KO>
      <ms:JPT_POWIER>32760</ms:JPT_POWIER>
      <ms:JPT_KOD_JE>0805053</ms:JPT_KOD_JE>
      <ms:JPT_NAZWA_>Słubice</ms:JPT_NAZWA_>
      <ms:JPT_JOR_ID>0</ms:JPT_JOR_ID>
      <ms:WERSJA_OD>2024-05-08</ms:WERSJA_OD>
      <ms:WAZNY_OD>2012-09-26</ms:WAZNY_OD>
      <ms:JPT_ORGAN1>NZN</ms:JPT_ORGAN1>
      <ms:JPT_WAZNA_>NZN</ms:JPT_WAZNA_>
      <ms:ID_BUFORA_>0</ms:ID_BUFORA_>
      <ms:ID_BUFORA1>0</ms:ID_BUFORA1>
      <ms:ID_TECHNIC>18050543</ms:ID_TECHNIC>
      <ms:IIP_PRZEST>PL.PZGIK.200</ms:IIP_PRZEST>
      <ms:IIP_IDENTY>c518a642-3025-5298-8f48-0ce653cddebf</ms:IIP_IDENTY>
      <ms:IIP_WERSJA>2024-05-08T10:12:41+02:00</ms:IIP_WERSJA>
      <ms:JPT_KJ_IIP>EGIB</ms:JPT_KJ_IIP>
      <ms:JPT_KJ_I_1>0805053</ms:JPT_KJ_I_1>
      <ms:JPT_SPS_KO>UZG</ms:JPT_SPS_KO>
      <ms:ID_BUFOR_1>0</ms:ID_BUFOR_1>
      <ms:JPT_ID>18050543</ms:JPT_ID>
      <ms:JPT_POWI_1>0</ms:JPT_POWI_1>
      <ms:JPT_GEOMET>0</ms:JPT_GEOMET>
      <ms:JPT_GEOM_1>0</ms:JPT_GEOM_1>
      <ms:Shape_Leng>70035.4647</ms:Shape_Leng>
      <ms:Shape_Area>327597237.1564</ms:Shape_Area>
      <ms:RODZAJ>gmina</ms:RODZAJ>
    </ms:A03_Granice_gmin>
  </wfs:member>
</wfs:FeatureCollection>
