// SPDX-License-Identifier: MIT
// Figures for the editor's pure text work on a 20,000-word body (issue 4):
// the quote analysis (target: the whole text under 20 ms), the whole-text
// typography conversion, one keystroke's typography check, and the text stats.
// Prints numbers; asserts nothing.
#include "quoteanalyzer.h"
#include "textstats.h"
#include "typography.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

constexpr int Runs = 50;
constexpr int BodyWords = 20000;

QStringList sampleBlocks()
{
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR) + u"/resources/samples/hegseth-healey/story.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject story = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray paragraphs = story.value(u"paragraphs"_s).toArray();
    const QJsonArray photos = story.value(u"photos"_s).toArray();
    QStringList blocks;
    for (qsizetype i = 0; i < paragraphs.size(); ++i) {
        blocks << paragraphs.at(i).toString();
        for (const QJsonValue &photo : photos) {
            if (photo[u"after_paragraph"_s].toInt() == i + 1)
                blocks << u"![](photo:%1)"_s.arg(photo[u"virin"_s].toString());
        }
    }
    return blocks;
}

// Times run Runs times; prints median, 95th percentile and maximum in ms.
void measure(QTextStream &out, const QString &name, const std::function<void(int)> &run)
{
    QList<double> ms;
    QElapsedTimer timer;
    run(-1); // warm up caches and allocators
    for (int i = 0; i < Runs; ++i) {
        timer.start();
        run(i);
        ms << timer.nsecsElapsed() / 1e6;
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double fraction) { return ms.at(std::min<qsizetype>(ms.size() - 1, qsizetype(fraction * ms.size()))); };
    out << qSetFieldWidth(44) << Qt::left << name << qSetFieldWidth(0) << u"  median "_s << QString::number(at(0.5), 'f', 3)
        << u"  p95 "_s << QString::number(at(0.95), 'f', 3) << u"  max "_s << QString::number(ms.constLast(), 'f', 3) << u"  ms\n"_s;
    out.flush();
}

} // namespace

int main()
{
    QTextStream out(stdout);
    const QStringList blocks = sampleBlocks();
    if (blocks.isEmpty()) {
        QTextStream(stderr) << "bench_quotes: cannot read the sample story\n";
        return 1;
    }
    // The sample's paragraphs and photo blocks, repeated up to 20,000 words;
    // each copy's paragraphs end with its number, so that no two paragraphs
    // are the same and the analyzer cannot reuse one paragraph for another.
    QStringList bodyBlocks;
    const int sampleWords = TextStats::of(blocks.join(u"\n\n"_s)).words();
    const int paragraphs = int(std::count_if(blocks.cbegin(), blocks.cend(), [](const QString &block) { return !block.startsWith(u"!["); }));
    for (int copy = 1, words = 0; words < BodyWords; ++copy, words += sampleWords + paragraphs) {
        for (const QString &block : blocks)
            bodyBlocks << (block.startsWith(u"![") ? block : block + u" (%1)"_s.arg(copy));
    }
    const QString body = bodyBlocks.join(u"\n\n"_s) + u'\n';
    const QString curlyBody = Typography::converted(body);

    const TextStats stats = TextStats::of(body);
    const Quotes::Analysis analysis = Quotes::analyze(body);
    out << u"body: "_s << stats.words() << u" words, "_s << body.size() << u" characters, "_s << analysis.paragraphs.size()
        << u" paragraphs, "_s << analysis.quotations.size() << u" quotations, "_s << analysis.findings.size() << u" findings; "_s
        << Runs << u" runs each\n"_s;

    measure(out, u"quote analysis, whole body"_s, [&](int) { Quotes::analyze(body); });
    measure(out, u"quote analysis, whole body, curly quotes"_s, [&](int) { Quotes::analyze(curlyBody); });

    // The editor's case: the analyzer has seen the body, one paragraph changed.
    QuoteAnalyzer analyzer;
    analyzer.analyze(body);
    const qsizetype middle = body.indexOf(u"\n\n"_s, body.size() / 2);
    QList<QString> edited;
    for (int i = 0; i <= Runs; ++i)
        edited << QString(body).insert(middle, QString(i % 7 + 1, u'x'));
    measure(out, u"quote analysis, one paragraph changed"_s, [&](int i) { analyzer.analyze(edited.at(i + 1)); });

    measure(out, u"typography, whole-body conversion"_s, [&](int) { Typography::converted(body); });
    // A " typed in the middle of the body: the check a keystroke costs.
    QString typed = curlyBody;
    const qsizetype cursor = typed.indexOf(u"\n\n"_s, typed.size() / 2) + 2;
    typed.insert(cursor, u'"');
    measure(out, u"typography, one keystroke (\") mid-body"_s, [&](int) { Typography::afterTyping(typed, cursor + 1); });
    measure(out, u"text stats (words, characters, outline)"_s, [&](int) { TextStats::of(body); });
    return 0;
}
