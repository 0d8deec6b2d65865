package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.procwire.api.NamingPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The word rules of {@link NamingPolicy}, as its Javadoc states them. */
class WireNamesTest {

    @ParameterizedTest
    @CsvSource({
        "userId, user_id, user-id, userId",
        "HTTPServer, http_server, http-server, httpServer",
        "IN_REVIEW, in_review, in-review, inReview",
        "line2Text, line2_text, line2-text, line2Text",
        "xCoord, x_coord, x-coord, xCoord",
        "URL, url, url, url",
        "EN, en, en, en",
        "user_name, user_name, user-name, userName",
        "_private, private, private, private",
        "a, a, a, a",
        "Circle, circle, circle, circle",
        "RightTriangle, right_triangle, right-triangle, rightTriangle",
        "parseXMLDocument2, parse_xml_document2, parse-xml-document2, parseXmlDocument2",
    })
    void eachPolicyJoinsTheSameWords(String javaName, String snake, String kebab, String lowerCamel) {
        assertEquals(snake, WireNames.apply(NamingPolicy.SNAKE_CASE, javaName));
        assertEquals(kebab, WireNames.apply(NamingPolicy.KEBAB_CASE, javaName));
        assertEquals(lowerCamel, WireNames.apply(NamingPolicy.LOWER_CAMEL_CASE, javaName));
    }
}
