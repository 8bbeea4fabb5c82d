// SPDX-License-Identifier: MIT
#include "pseudotranslation.h"

#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace PseudoTranslation {

namespace {

// One accented look-alike for every ASCII letter, so that any run of plain
// ASCII letters left on screen is text that escaped translation.
constexpr char16_t upper[] = u"ÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖƤǪŔŠŢÛṼŴẊÝŽ";
constexpr char16_t lower[] = u"åƀçđéƒĝĥîĵķļḿñöƥǫŕšţûṽŵẋýž";

QChar accented(QChar c)
{
    if (c >= u'A' && c <= u'Z')
        return QChar(upper[c.unicode() - u'A']);
    if (c >= u'a' && c <= u'z')
        return QChar(lower[c.unicode() - u'a']);
    return c;
}

// What must reach the program unchanged: Qt's placeholders, HTML tags and
// entities, {names} that code replaces, && and an accelerator with its letter.
const QRegularExpression &kept()
{
    static const QRegularExpression pattern(
        uR"(%L?(?:\d{1,2}|n)|</?[A-Za-z!][^<>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);|\{[A-Za-z_]+\}|&&|&.)"_s);
    return pattern;
}

} // namespace

QString translate(const QString &source)
{
    if (source.trimmed().isEmpty())
        return source;
    QString result;
    result.reserve(source.size() * 2);
    qsizetype shown = 0; // characters a reader sees, tags and placeholders aside
    qsizetype position = 0;
    QRegularExpressionMatchIterator it = kept().globalMatch(source);
    const auto accentUpTo = [&](qsizetype end) {
        for (; position < end; ++position) {
            const QChar c = source.at(position);
            shown += c == u'\n' ? 0 : 1;
            result += accented(c);
        }
    };
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        accentUpTo(match.capturedStart());
        result += match.captured();
        // An accelerator's letter and an entity's character are seen.
        shown += match.captured().startsWith(u'&') && !match.captured().startsWith(u"&&"_s) ? 1 : 0;
        position = match.capturedEnd();
    }
    accentUpTo(source.size());
    // 30 % longer, at least one mark, besides the brackets: German and
    // Finnish run about that much longer than English.
    const qsizetype padding = std::max<qsizetype>(1, (shown * 3 + 9) / 10);
    // A text that ends in a line break keeps it last (lists of findings join
    // texts by their ends).
    qsizetype end = result.size();
    while (end > 0 && result.at(end - 1) == u'\n')
        --end;
    return u"["_s + result.left(end) + QString(padding, u'~') + u"]"_s + result.mid(end);
}

QString translateTsFile(const QString &inputPath, const QString &outputPath, const QString &language)
{
    QFile input(inputPath);
    if (!input.open(QIODevice::ReadOnly))
        return u"cannot read %1: %2"_s.arg(inputPath, input.errorString());
    QSaveFile output(outputPath);
    if (!output.open(QIODevice::WriteOnly))
        return u"cannot write %1: %2"_s.arg(outputPath, output.errorString());

    QXmlStreamReader reader(&input);
    QXmlStreamWriter writer(&output);
    writer.setAutoFormatting(true);
    QString source;
    bool numerus = false;
    // lupdate's <translation> elements are replaced by ours; everything else
    // (contexts, sources, comments, locations) is copied.
    int skipDepth = 0;
    while (!reader.atEnd()) {
        reader.readNext();
        if (skipDepth > 0) {
            if (reader.isStartElement())
                ++skipDepth;
            else if (reader.isEndElement())
                --skipDepth;
            continue;
        }
        switch (reader.tokenType()) {
        case QXmlStreamReader::StartDocument:
            writer.writeStartDocument();
            writer.writeDTD(u"<!DOCTYPE TS>"_s);
            break;
        case QXmlStreamReader::StartElement: {
            const auto name = reader.name();
            if (name == u"translation") {
                writer.writeStartElement(u"translation"_s);
                const QString text = translate(source);
                if (numerus) {
                    // English's two forms: lrelease takes the rules from the language.
                    writer.writeTextElement(u"numerusform"_s, text);
                    writer.writeTextElement(u"numerusform"_s, text);
                } else {
                    writer.writeCharacters(text);
                }
                writer.writeEndElement();
                skipDepth = 1;
                break;
            }
            writer.writeStartElement(name.toString());
            QXmlStreamAttributes attributes = reader.attributes();
            if (name == u"TS") {
                QXmlStreamAttributes changed;
                for (const QXmlStreamAttribute &attribute : std::as_const(attributes)) {
                    if (attribute.name() != u"language")
                        changed.append(attribute);
                }
                changed.append(u"language"_s, language);
                attributes = changed;
            }
            if (name == u"message")
                numerus = attributes.value(u"numerus"_s) == u"yes";
            writer.writeAttributes(attributes);
            if (name == u"source") {
                source = reader.readElementText();
                writer.writeCharacters(source);
                writer.writeEndElement();
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            writer.writeEndElement();
            break;
        case QXmlStreamReader::Characters:
            if (!reader.isWhitespace())
                writer.writeCharacters(reader.text().toString());
            break;
        default:
            break;
        }
    }
    if (reader.hasError())
        return u"%1:%2: %3"_s.arg(inputPath).arg(reader.lineNumber()).arg(reader.errorString());
    writer.writeEndDocument();
    if (!output.commit())
        return u"cannot write %1: %2"_s.arg(outputPath, output.errorString());
    return {};
}

} // namespace PseudoTranslation
