package io.tollgate.cache.index;

import io.tollgate.cache.index.VectorIndex.Match;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The index's schema: one document per entry, its fields, the codec that sets the HNSW parameters, and how hits
 * map back to matches (ids and cosines).
 */
final class VectorDocuments {

    /** The entry's id: indexed (for updates and deletes) and in binary doc values (read for each hit). */
    static final String ID = "id";
    /** The entry's partition: indexed, used as the search's filter. */
    static final String PARTITION = "partition";
    /** The unit vector. */
    static final String VECTOR = "vector";

    private VectorDocuments() {
    }

    /** The document of one entry; {@code unitVector} must be unit length (it is compared by dot product). */
    static Document document(String id, String partition, float[] unitVector) {
        Document document = new Document();
        document.add(new StringField(ID, id, Field.Store.NO));
        document.add(new BinaryDocValuesField(ID, new BytesRef(id)));
        document.add(new StringField(PARTITION, partition, Field.Store.NO));
        document.add(new KnnFloatVectorField(VECTOR, unitVector, VectorSimilarityFunction.DOT_PRODUCT));
        return document;
    }

    /** The matches of a search's hits, in the hits' order; reads each hit's id from its doc values. */
    static List<Match> matches(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<Match> matches = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            BinaryDocValues idValues = leaf.reader().getBinaryDocValues(ID);
            if (idValues == null || !idValues.advanceExact(hit.doc - leaf.docBase)) {
                throw new IllegalStateException("vector index document " + hit.doc + " has no id");
            }
            matches.add(new Match(idValues.binaryValue().utf8ToString(), cosine(hit.score)));
        }
        return matches;
    }

    /**
     * The cosine of a hit: Lucene scores {@code DOT_PRODUCT} on unit vectors as {@code (1 + cos) / 2}. Clamped to
     * [-1, 1] against float rounding.
     */
    static double cosine(float score) {
        return Math.clamp(2.0 * score - 1.0, -1.0, 1.0);
    }

    /**
     * The default codec with HNSW parameters set for every vector field. It keeps the default codec's name, and
     * the per-field format records its own ({@code Lucene99HnswVectorsFormat}), so segments read back as usual.
     */
    static Codec codec(int maxConn, int beamWidth) {
        KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(maxConn, beamWidth);
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return hnsw;
            }
        };
    }

    /** @throws IllegalArgumentException unless {@code dimensions} is within what Lucene's HNSW format accepts */
    static void checkDimensions(int dimensions) {
        int max = KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS;
        if (dimensions < 1 || dimensions > max) {
            throw new IllegalArgumentException("dimensions must be between 1 and " + max + ", got " + dimensions);
        }
    }

    /** @throws IllegalArgumentException when {@code value} is empty; NullPointerException when null */
    static void checkText(String key, String value) {
        Objects.requireNonNull(value, key);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " must not be empty, got ''");
        }
    }
}
